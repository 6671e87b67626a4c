import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContractsModule } from '../contracts/contracts.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { NurseEntity } from './nurse.entity.js';
import { NursesController } from './nurses.controller.js';
import { NursesService } from './nurses.service.js';

/** Nurses, in the scope of the responsible parties contracted in a coordinator's regions. */
@Module({
  imports: [TypeOrmModule.forFeature([NurseEntity]), ContractsModule, ReferenceModule],
  controllers: [NursesController],
  providers: [NursesService],
  exports: [NursesService],
})
export class NursesModule {}
