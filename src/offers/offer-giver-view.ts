import type { OfferStatus } from '../common/codes.js';

/** The parts of an offer's answer that could tell its giver more than "pending" or "taken". */
export interface OfferFacts {
  status: OfferStatus;
  takerNurseId: string | null;
  newAssignmentId: string | null;
  createdAt: string;
  updatedAt: string;
  takerNurseName?: string | null;
}

/**
 * An offer's status as the nurse who made it reads it: `open` while it is pending (open, or
 * accepted and waiting for the coordinator) and `approved` once it is taken. The giver never reads
 * `accepted`: with auto-approval an acceptance that breaks no rule is approved at once, so an
 * acceptance left waiting would tell the giver that the named colleague breaks a working-time
 * rule, or is absent.
 */
export function giverStatus(status: OfferStatus): OfferStatus {
  return status === 'accepted' ? 'open' : status;
}

/**
 * An offer as its giver reads it. While pending, nothing says whether a colleague accepted: the
 * status, the taker and the time of the last change stay as they were when it was made. Once
 * taken the giver's shift is gone anyway, and the answer says who took it. An offer that ends
 * otherwise (withdrawn, rejected, cancelled) names no taker.
 */
export function asSeenByGiver<T extends OfferFacts>(view: T): T {
  const status = giverStatus(view.status);
  const taken = status === 'approved';
  return {
    ...view,
    status,
    takerNurseId: taken ? view.takerNurseId : null,
    ...('takerNurseName' in view ? { takerNurseName: taken ? view.takerNurseName : null } : {}),
    newAssignmentId: taken ? view.newAssignmentId : null,
    updatedAt: status === 'open' ? view.createdAt : view.updatedAt,
  };
}
