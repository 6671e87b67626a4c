import { addDays } from '../common/local-time.js';
import { newId } from '../common/ids.js';
import type { ContractEntity } from '../contracts/contract.entity.js';
import type { RegionEntity } from '../reference/reference.entities.js';
import { runInSlices } from '../common/slices.js';
import { templateExpansion } from './recurrence.js';
import { SlotEntity, TemplateEntity } from './roster.entities.js';

/** Open-ended contracts keep slots at least this many days past today (plus a margin for a missed job). */
export const OPEN_ENDED_HORIZON_DAYS = 400;
const HORIZON_MARGIN_DAYS = 2;

export function generationHorizon(contract: ContractEntity, today: string): string {
  return contract.validTo ?? addDays(today, OPEN_ENDED_HORIZON_DAYS + HORIZON_MARGIN_DAYS);
}

/**
 * Builds (does not save) the slot rows of a template from `fromDate` through `lastDate`. The
 * expansion runs in slices of a few milliseconds, so a long one never holds up other requests.
 */
export async function buildSlots(
  template: TemplateEntity,
  contract: ContractEntity,
  region: RegionEntity,
  lastDate: string,
  fromDate?: string,
  limit?: number,
): Promise<SlotEntity[]> {
  const intervals = await runInSlices(
    templateExpansion(
      {
        rrule: template.rrule,
        startTime: template.startTime,
        endTime: template.endTime,
        exdates: template.exdates,
        holidays: template.holidays,
      },
      { validFrom: contract.validFrom, lastDate, fromDate, limit },
      region.timezone,
    ),
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
