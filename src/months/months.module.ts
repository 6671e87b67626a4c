import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClosedMonthEntity } from './closed-month.entity.js';
import { MonthsService } from './months.service.js';

/** Which roster months are closed (written by fees at finalize, read by every roster change). */
@Module({ imports: [TypeOrmModule.forFeature([ClosedMonthEntity])], providers: [MonthsService], exports: [MonthsService] })
export class MonthsModule {}
