import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContractsModule } from '../contracts/contracts.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { MonthsModule } from '../months/months.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { FeeStatementEntity } from './fee-statement.entity.js';
import { FeeStatementsController } from './fee-statements.controller.js';
import { FeeStatementsService } from './fee-statements.service.js';

/** The monthly availability fee statements; finalizing closes the roster month. */
@Module({
  imports: [TypeOrmModule.forFeature([FeeStatementEntity]), MonthsModule, IdentityModule, ContractsModule, ReferenceModule],
  controllers: [FeeStatementsController],
  providers: [FeeStatementsService],
  exports: [FeeStatementsService],
})
export class FeesModule {}
