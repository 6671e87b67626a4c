import { formatInstant } from '../common/local-time.js';
import { AssignmentEntity } from './assignment.entity.js';

export function cancelledAssignmentView(a: AssignmentEntity, zone: string) {
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
