import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AbsenceEntity } from './absence.entity.js';
import { AbsencesRepository } from './absences.repository.js';

/** The absences table, read by the assignment checks and written by the planning aids. */
@Module({ imports: [TypeOrmModule.forFeature([AbsenceEntity])], providers: [AbsencesRepository], exports: [AbsencesRepository] })
export class AbsencesModule {}
