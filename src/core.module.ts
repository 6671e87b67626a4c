import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENTITIES } from '../ormconfig.js';
import { AuditService } from './audit/audit.service.js';
import { Clock } from './common/clock.js';
import { Transactions } from './common/transactions.js';
import { DatabaseTuning } from './database-tuning.js';
import { SqliteReaders } from './common/sqlite-readers.js';
import { ChangeEpochs } from './common/change-epochs.js';
import { PartiesService } from './reference/parties.service.js';
import { RegionZones } from './reference/region-zones.service.js';

/** Infrastructure every feature uses: repositories, the clock, transactions, audit, region zones. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  providers: [Clock, Transactions, AuditService, RegionZones, PartiesService, DatabaseTuning, SqliteReaders, ChangeEpochs],
  exports: [TypeOrmModule, Clock, Transactions, AuditService, RegionZones, PartiesService, SqliteReaders, ChangeEpochs],
})
export class CoreModule {}
