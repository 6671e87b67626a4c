import { formatInstant } from '../common/local-time.js';
import { SlotEntity } from './roster.entities.js';

export interface SlotAssignmentRef {
  id: string;
  nurseId: string;
  nurseName: string;
}

export function slotStatus(assigned: number, required: number): 'open' | 'partial' | 'covered' {
  if (assigned <= 0) return 'open';
  return assigned >= required ? 'covered' : 'partial';
}

export function slotView(s: SlotEntity, zone: string, assignments: SlotAssignmentRef[]) {
  return {
    id: s.id,
    contractId: s.contractId,
    templateId: s.templateId,
    regionCode: s.regionCode,
    function: s.function,
    localDate: s.localDate,
    start: formatInstant(s.startMs, zone),
    end: formatInstant(s.endMs, zone),
    durationMinutes: s.durationMinutes,
    dutyType: s.dutyType,
    isHoliday: !!s.isHoliday,
    requiredNurses: s.requiredNurses,
    requiredQualifications: s.requiredQualifications,
    assignments,
    status: slotStatus(assignments.length, s.requiredNurses),
  };
}
