import { functionNameNl } from '../common/function-names.js';

/**
 * The SMS of a page, decided over loaded facts (no database, no clock of its own): when its timer
 * is due, whether a due timer sends a text, and the text. requests.service.ts loads, locks, writes
 * and audits around these.
 */

/**
 * When a page's SMS goes if nobody answers (epoch ms), or null: no timer when SMS is not
 * configured, the region's smsAfterSeconds is 0, or the recipient is not a nurse (a coordinator
 * paged at step 3 has no nurse record, so no phone to text).
 */
export function smsDueAt(pagedAt: number, recipientIsNurse: boolean, smsAfterSeconds: number, smsConfigured: boolean): number | null {
  if (!smsConfigured || !recipientIsNurse || !(smsAfterSeconds > 0)) return null;
  return pagedAt + smsAfterSeconds * 1000;
}

/** What a page's SMS timer knows when it is read again under its request's lock. */
export interface SmsTimerFacts {
  /** The page's due time; null when it has none (already sent, or cleared by an acknowledgement). */
  dueAt: number | null;
  now: number;
  /** The request is paging or escalated and nobody has acknowledged it. */
  requestOpen: boolean;
  /** The nurse's phone in E.164, or null (none, or not a number a text can go to). */
  phone: string | null;
  smsConfigured: boolean;
}

/** Whether the timer has fired at `now` (then its row is cleared, so it never fires twice). */
export function smsTimerDue(dueAt: number | null, now: number): boolean {
  return dueAt !== null && dueAt <= now;
}

/** Whether a text goes: only for a due timer of an open request to a nurse with a phone, SMS configured. */
export function smsGoes(f: SmsTimerFacts): boolean {
  return smsTimerDue(f.dueAt, f.now) && f.requestOpen && f.phone !== null && f.smsConfigured;
}

/** The text (api.md): the function in Dutch, the postcode and the link; no callback phone, no partner reference. */
export function smsText(functionCode: string, postcode: string, link: string): string {
  return `Wijkwacht: acute oproep ${functionNameNl(functionCode)} PC ${postcode}. Ik ga: ${link}`;
}
