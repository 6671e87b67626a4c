import { formatInstant } from '../common/local-time.js';
import { AssignmentEntity } from './assignment.entity.js';
import type { AssignmentResponse, CancelledAssignmentResponse } from './assignment.response.js';

export function cancelledAssignmentView(a: AssignmentEntity, zone: string): CancelledAssignmentResponse {
  return {
    id: a.id,
    slotId: a.slotId,
    nurseId: a.nurseId,
    regionCode: a.regionCode,
    function: a.function,
    start: formatInstant(a.startMs, zone),
    end: formatInstant(a.endMs, zone),
  };
}

export function assignmentView(a: AssignmentEntity, zone: string): AssignmentResponse {
  return {
    id: a.id,
    slotId: a.slotId,
    nurseId: a.nurseId,
    contractId: a.contractId,
    regionCode: a.regionCode,
    function: a.function,
    localDate: a.localDate,
    start: formatInstant(a.startMs, zone),
    end: formatInstant(a.endMs, zone),
    durationMinutes: Math.round((a.endMs - a.startMs) / 60_000),
    dutyType: a.dutyType,
  };
}
