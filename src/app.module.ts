import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { dataSourceOptions } from '../ormconfig.js';
import { AuthGuard } from './identity/auth.guard.js';
import { AppConfig } from './config/app-config.js';
import { CoreModule } from './core.module.js';
import { DatabaseFileLock } from './database-file-lock.js';
import { FEATURE_MODULES } from './features.module.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    const fileLock: Provider[] = [];
    if (!config.databaseUrl) {
      mkdirSync(dirname(resolve(config.databasePath)), { recursive: true });
      // Before TypeORM opens the file: a second process on it is refused at start.
      fileLock.push({ provide: DatabaseFileLock, useValue: DatabaseFileLock.acquire(config.databasePath) });
    }
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ databasePath: config.databasePath, databaseUrl: config.databaseUrl }),
          migrationsRun: true,
        }),
        ScheduleModule.forRoot(),
        CoreModule,
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        ...fileLock,
      ],
      exports: [AppConfig],
    };
  }
}
