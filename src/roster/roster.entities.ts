import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';
import type { FunctionCode } from '../contracts/contract.entity.js';
import type { HolidayMode } from './recurrence.js';
import type { DutyType } from '../working-time/working-time-rules.js';

@Entity('templates')
@Index('templates_contract', ['contractId'])
@Check('templates_required_nurses_check', 'required_nurses >= 1')
export class TemplateEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('contracts', { name: 'templates_contract_id_fkey' })
  @Column('text', { name: 'contract_id' })
  contractId: string;
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
@Index('slots_region_function_start', ['regionCode', 'function', 'startMs', 'endMs'])
@Index('slots_region_date', ['regionCode', 'localDate'])
@Index('slots_contract_date', ['contractId', 'localDate'])
@Index('slots_template_date', ['templateId', 'localDate'], { unique: true })
@Check('slots_check', 'end_ms > start_ms')
@Check('slots_check1', 'assigned_count >= 0 AND assigned_count <= required_nurses')
export class SlotEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('contracts', { name: 'slots_contract_id_fkey' })
  @Column('text', { name: 'contract_id' })
  contractId: string;
  @ForeignKey('templates', { name: 'slots_template_id_fkey' })
  @Column('text', { name: 'template_id' })
  templateId: string;
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
  @Column('integer', { name: 'assigned_count', default: 0 }) assignedCount: number;
}
