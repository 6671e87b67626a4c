/**
 * The named locks that serialize check-then-write sequences, built in one place so that two code
 * paths that must exclude each other cannot spell the same lock differently.
 *
 * - `nurse`: any change to a nurse's assignments (the working-time rules read all of them).
 * - `slot`: any change to one slot's assignments (the slot-full check).
 * - `offer`: every transition of one offer (accept, approve, reject, withdraw); `offersOn`: making one.
 * - `contractMonth`: a roster change in a contract month versus finalizing that month.
 * - `contractRoster`: taken *shared* by changes to single assignments of a contract and by
 *   finalize, and *exclusive* by changes to the contract's slots as a whole (terminate, template
 *   create and delete, slot extension), so that no assignment can be written to a slot that is
 *   being removed, and no month can be finalized while its slots are being cut.
 * - `regionFunction`: contract creation and termination (one responsible party per function).
 * - `feeStatement`: computing the draft of one contract month.
 * - `nurseFeed`: creating a nurse's calendar feed.
 * - `rosterPlan`: applying or discarding one roster plan.
 * - `request`: each state change of an acute request, so a step is paged once across instances.
 * - `identityLinks`: linking, unlinking and revoking one user (one link per provider, none after revocation).
 * - `identitySubject`: linking one identity at a provider (one user per identity).
 * - `referral`: each state change of a referral (an offer made, answered, timed out, withdrawn), so that exactly one outcome wins.
 * - `intake`: a provider's intake lines (publishing, one line's places, a place taken by an accepted referral).
 * - `linkRequestsFor`, `linkRequestsFrom`: the hourly limits of sign-in links by SMS, per number and per client address.
 */
export type LockMode = 'exclusive' | 'shared';

export interface LockKey {
  readonly name: string;
  readonly mode: LockMode;
}

function exclusive(name: string): LockKey {
  return { name, mode: 'exclusive' };
}

export const Locks = {
  nurse: (nurseId: string) => exclusive(`nurse:${nurseId}`),
  slot: (slotId: string) => exclusive(`slot:${slotId}`),
  offer: (offerId: string) => exclusive(`offer:${offerId}`),
  /** Creating an offer on an assignment (one active offer per assignment). */
  offersOn: (assignmentId: string) => exclusive(`offers-on:${assignmentId}`),
  /** `month` is `YYYY-MM` or a local date `YYYY-MM-DD` (its month is used). */
  contractMonth: (contractId: string, month: string) => exclusive(`month:${contractId}:${month.slice(0, 7)}`),
  contractRoster: (contractId: string, mode: LockMode) => ({ name: `roster:${contractId}`, mode }) as LockKey,
  regionFunction: (regionCode: string, fn: string) => exclusive(`contract:${regionCode}:${fn}`),
  feeStatement: (contractId: string, month: string) => exclusive(`fees:${contractId}:${month.slice(0, 7)}`),
  nurseFeed: (nurseId: string) => exclusive(`feed:${nurseId}`),
  /** Every transition of one roster plan (apply, discard). */
  rosterPlan: (planId: string) => exclusive(`plan:${planId}`),
  /** Every transition of one acute request (a step paged, acknowledge, resolve, cancel). */
  request: (requestId: string) => exclusive(`request:${requestId}`),
  /** A user's links to identity providers: linking at sign-in, unlinking, revoking. */
  identityLinks: (userId: string) => exclusive(`identity-links:${userId}`),
  /** One identity at one provider (its issuer and subject), while it is being linked. */
  identitySubject: (provider: string, issuer: string, subject: string) => exclusive(`identity:${provider}:${issuer}:${subject}`),
  /** Every transition of one referral: an offer made, accepted, declined, timed out or withdrawn; close and cancel. */
  referral: (referralId: string) => exclusive(`referral:${referralId}`),
  /** A provider's intake lines: publishing, one line's places, places taken by an accepted referral. */
  intake: (agb: string) => exclusive(`intake:${agb}`),
  /** Counting and recording the sign-in links asked for by SMS for one number (its hash), and from one client address (its hash). */
  linkRequestsFor: (phoneHash: string) => exclusive(`link-requests:phone:${phoneHash}`),
  linkRequestsFrom: (addressHash: string) => exclusive(`link-requests:address:${addressHash}`),
} as const;

/**
 * The distinct locks in one global order (by name), so that two transactions never wait for each
 * other in a cycle. A name asked for both shared and exclusive is taken exclusive.
 */
export function orderedLocks(keys: LockKey[]): LockKey[] {
  const byName = new Map<string, LockKey>();
  for (const key of keys) {
    const seen = byName.get(key.name);
    if (!seen || key.mode === 'exclusive') byName.set(key.name, key);
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
