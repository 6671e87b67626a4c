import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { MonthsModule } from '../months/months.module.js';
import { NursesModule } from '../nurses/nurses.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { RosterModule } from '../roster/roster.module.js';
import { AbsenceEntity } from './absence.entity.js';
import { AbsencesController } from './absences.controller.js';
import { AbsencesRepository } from './absences.repository.js';
import { AbsencesService } from './absences.service.js';

/**
 * A nurse's absences: recording one cancels her assignments inside it (through the assignments
 * service). The assignment checks read the absences table through a read model of their own.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AbsenceEntity]), AssignmentsModule, NursesModule, MonthsModule, ReferenceModule, RosterModule],
  controllers: [AbsencesController],
  providers: [AbsencesRepository, AbsencesService],
  exports: [AbsencesService],
})
export class AbsencesModule {}
