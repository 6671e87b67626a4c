import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../common/columns.js';
import type { FunctionCode } from '../contracts/contract.entity.js';
import type { HolidayMode } from './recurrence.js';
import type { DutyType } from '../working-time/working-time-rules.js';

@Entity('templates')
export class TemplateEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'contract_id' }) contractId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) rrule: string | null;
  @Column('text', { name: 'start_time' }) startTime: string;
  @Column('text', { name: 'end_time' }) endTime: string;
  @Column('text', { name: 'duty_type' }) dutyType: DutyType;
  @Column('integer', { name: 'required_nurses' }) requiredNurses: number;
  @Column('simple-json', { name: 'required_qualifications' }) requiredQualifications: string[];
  @Column('simple-json') exdates: string[];
  @Column('text') holidays: HolidayMode;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  @Column('bigint', { name: 'deleted_at', nullable: true, transformer: bigintAsNumber }) deletedAt: number | null;
}

@Entity('slots')
export class SlotEntity {
  @PrimaryColumn('text') id: string;
  @Column('text', { name: 'contract_id' }) contractId: string;
  @Column('text', { name: 'template_id' }) templateId: string;
  @Column('text', { name: 'region_code' }) regionCode: string;
  @Column('text') function: FunctionCode;
  @Column('text', { name: 'local_date' }) localDate: string;
  @Column('bigint', { name: 'start_ms', transformer: bigintAsNumber }) startMs: number;
  @Column('bigint', { name: 'end_ms', transformer: bigintAsNumber }) endMs: number;
  @Column('integer', { name: 'duration_minutes' }) durationMinutes: number;
  @Column('text', { name: 'duty_type' }) dutyType: DutyType;
  @Column('boolean', { name: 'is_holiday' }) isHoliday: boolean;
  @Column('integer', { name: 'required_nurses' }) requiredNurses: number;
  @Column('simple-json', { name: 'required_qualifications' }) requiredQualifications: string[];
  /** Kept in step with active assignments; a CHECK keeps it ≤ required_nurses. */
  @Column('integer', { name: 'assigned_count' }) assignedCount: number;
}
