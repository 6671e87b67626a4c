import { EntityManager } from 'typeorm';
import { addDays } from '../common/local-time.js';
import { newId } from '../common/ids.js';
import { ContractEntity } from '../contracts/contract.entity.js';
import { RegionEntity } from '../reference/reference.entities.js';
import { expandTemplate } from './recurrence.js';
import { SlotEntity, TemplateEntity } from './roster.entities.js';

/** Open-ended contracts keep slots at least this many days past today (plus a margin for a missed job). */
export const OPEN_ENDED_HORIZON_DAYS = 400;
const HORIZON_MARGIN_DAYS = 2;

export function generationHorizon(contract: ContractEntity, today: string): string {
  return contract.validTo ?? addDays(today, OPEN_ENDED_HORIZON_DAYS + HORIZON_MARGIN_DAYS);
}

/** Builds (does not save) the slot rows of a template from `fromDate` through `lastDate`. */
export function buildSlots(
  template: TemplateEntity,
  contract: ContractEntity,
  region: RegionEntity,
  lastDate: string,
  fromDate?: string,
  limit?: number,
): SlotEntity[] {
  const intervals = expandTemplate(
    {
      rrule: template.rrule,
      startTime: template.startTime,
      endTime: template.endTime,
      exdates: template.exdates,
      holidays: template.holidays,
    },
    { validFrom: contract.validFrom, lastDate, fromDate, limit },
    region.timezone,
  );
  return intervals.map((i) =>
    Object.assign(new SlotEntity(), {
      id: newId(),
      contractId: contract.id,
      templateId: template.id,
      regionCode: contract.regionCode,
      function: contract.function,
      localDate: i.localDate,
      startMs: i.startMs,
      endMs: i.endMs,
      durationMinutes: i.durationMinutes,
      dutyType: template.dutyType,
      isHoliday: i.isHoliday,
      requiredNurses: template.requiredNurses,
      requiredQualifications: template.requiredQualifications,
      assignedCount: 0,
    }),
  );
}

const SLOT_COLUMNS = [
  'id', 'contract_id', 'template_id', 'region_code', 'function', 'local_date', 'start_ms', 'end_ms',
  'duration_minutes', 'duty_type', 'is_holiday', 'required_nurses', 'required_qualifications', 'assigned_count',
];
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts slot rows with multi-row INSERT statements (500 rows, 7,000 parameters: under both
 * drivers' limits). A national year is ~150,000 rows; the ORM's per-entity insert path costs
 * several times more than the database work.
 */
export async function insertSlots(manager: EntityManager, slots: SlotEntity[]): Promise<void> {
  const pg = manager.connection.options.type === 'postgres';
  for (let i = 0; i < slots.length; i += ROWS_PER_STATEMENT) {
    const chunk = slots.slice(i, i + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    const rows = chunk.map((s) => {
      const values = [
        s.id, s.contractId, s.templateId, s.regionCode, s.function, s.localDate, s.startMs, s.endMs, s.durationMinutes,
        s.dutyType, pg ? s.isHoliday : s.isHoliday ? 1 : 0, s.requiredNurses, JSON.stringify(s.requiredQualifications), s.assignedCount,
      ];
      const marks = values.map((v) => {
        params.push(v);
        return pg ? `$${params.length}` : '?';
      });
      return `(${marks.join(',')})`;
    });
    await manager.query(`INSERT INTO slots (${SLOT_COLUMNS.join(',')}) VALUES ${rows.join(',')}`, params);
  }
}
