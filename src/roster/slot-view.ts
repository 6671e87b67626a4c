import { formatInstant } from '../common/local-time.js';
import { SlotEntity } from './roster.entities.js';
import type { SlotAssignmentResponse, SlotResponse } from './slot.response.js';

export type SlotAssignmentRef = SlotAssignmentResponse;

export function slotStatus(assigned: number, required: number): 'open' | 'partial' | 'covered' {
  if (assigned <= 0) return 'open';
  return assigned >= required ? 'covered' : 'partial';
}

export function slotView(s: SlotEntity, zone: string, assignments: SlotAssignmentRef[]): SlotResponse {
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
