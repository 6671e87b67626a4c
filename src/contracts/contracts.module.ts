import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MonthsModule } from '../months/months.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { ContractEntity } from './contract.entity.js';
import { ContractsController } from './contracts.controller.js';
import { ContractsService } from './contracts.service.js';
import { PartiesService } from './parties.service.js';

/** Contracts: one responsible party per function and region, its fee terms and SLA. */
@Module({
  imports: [TypeOrmModule.forFeature([ContractEntity]), MonthsModule, ReferenceModule],
  controllers: [ContractsController],
  providers: [ContractsService, PartiesService],
  exports: [ContractsService, PartiesService],
})
export class ContractsModule {}
