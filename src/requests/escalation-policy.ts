/**
 * The escalation policy of an acute request: pure. Given the request, the pages so far, who is on
 * duty now and the instant, it decides the next step to page, or to wait, or that paging is over.
 *
 * Steps (api.md, "Acute requests and escalation"):
 * 1. `on-duty`: the nurses on the contract's slots running now;
 * 2. `party`: the responsible party's other nurses on any slot running now in the region;
 * 3. `coordinators`: the region's coordinators; the request becomes `escalated`.
 * A step with nobody (new) to page passes straight to the next; each step after the first starts
 * when the previous one has gone `ackMinutes` without an acknowledgement.
 */

export type Step = 1 | 2 | 3;
export const STEP_NAMES: Record<Step, string> = { 1: 'on-duty', 2: 'party', 3: 'coordinators' };

export interface Recipient {
  /** `nurse:<id>` or `user:<id>`. */
  key: string;
  nurseId: string | null;
  userId: string | null;
  name: string;
}

export interface Duty {
  onDuty: Recipient[];
  party: Recipient[];
  coordinators: Recipient[];
}

export interface PolicyRequest {
  status: 'paging' | 'escalated' | 'acknowledged' | 'resolved' | 'cancelled';
  /** The step paged last; null before the first page. */
  step: number | null;
  /** When that step was paged. */
  stepStartedAt: number;
  ackMinutes: number;
}

export type Decision =
  | { kind: 'page'; step: Step; recipients: Recipient[]; status: 'paging' | 'escalated'; nextStepAt: number | null }
  | { kind: 'wait'; until: number }
  | { kind: 'stop' };

function recipientsOf(duty: Duty, step: Step): Recipient[] {
  return step === 1 ? duty.onDuty : step === 2 ? duty.party : duty.coordinators;
}

export function nextStep(request: PolicyRequest, pagedSoFar: ReadonlyArray<{ recipient: string }>, duty: Duty, now: number): Decision {
  // Acknowledged, resolved or cancelled: paging has stopped; escalated: the last step is paged.
  if (request.status !== 'paging') return { kind: 'stop' };
  const current = request.step ?? 0;
  if (current >= 3) return { kind: 'stop' };
  if (request.step !== null) {
    const due = request.stepStartedAt + request.ackMinutes * 60_000;
    if (now < due) return { kind: 'wait', until: due };
  }
  const paged = new Set(pagedSoFar.map((p) => p.recipient));
  for (let s = current + 1; s <= 3; s++) {
    const step = s as Step;
    const seen = new Set<string>();
    const recipients = recipientsOf(duty, step).filter((r) => !paged.has(r.key) && !seen.has(r.key) && seen.add(r.key));
    if (recipients.length === 0 && step < 3) continue;
    return {
      kind: 'page',
      step,
      recipients,
      status: step === 3 ? 'escalated' : 'paging',
      nextStepAt: step === 3 ? null : now + request.ackMinutes * 60_000,
    };
  }
  return { kind: 'stop' };
}
