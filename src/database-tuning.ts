import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * SQLite in WAL mode with synchronous=NORMAL: a commit survives a killed process (the WAL is
 * written before the commit returns); only a power loss or OS crash may lose the last commits.
 * FULL would fsync on every commit and triple write latency.
 */
@Injectable()
export class DatabaseTuning implements OnApplicationBootstrap {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.dataSource.options.type === 'sqlite') await this.dataSource.query('PRAGMA synchronous = NORMAL');
  }
}
