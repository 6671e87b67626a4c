/** The words of referrals and intake capacity (api.md, "Referrals and intake capacity"), one list each. */

export const CARE_KINDS = ['basic', 'palliative', 'wound-care', 'infusion-therapy', 'dementia-case-management'] as const;
export type CareKind = (typeof CARE_KINDS)[number];

export const REFERRAL_URGENCIES = ['today', 'within-24h', 'planned'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

/**
 * `offered`: one provider has it and may answer; `escalated`: nobody is left to offer it to (the
 * desk was paged); `placed`: a provider accepted; `closed`: the desk closed it; `cancelled`: its
 * referrer cancelled it.
 */
export const REFERRAL_STATUSES = ['offered', 'escalated', 'placed', 'closed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const DECLINE_REASONS = ['no-places', 'no-expertise', 'outside-area', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const CLOSE_OUTCOMES = ['placed-outside', 'no-longer-needed'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** How an offer ended: `withdrawn` when the desk offered the referral elsewhere, closed it, or its referrer cancelled it. */
export const OFFER_ANSWERS = ['accepted', 'declined', 'timed-out', 'withdrawn'] as const;
export type OfferAnswer = (typeof OFFER_ANSWERS)[number];

export const LIGHTS = ['green', 'orange', 'red', 'grey'] as const;
export type Light = (typeof LIGHTS)[number];

/** Why the ranking passed a provider of the region by, in the order they are looked for (the first that applies is given). */
export const SKIP_REASONS = ['outside-area', 'care-kind', 'no-places', 'stale', 'declined', 'timed-out', 'withdrawn'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Open referrals: they have an offer out or wait at the desk. */
export const OPEN_STATUSES: readonly ReferralStatus[] = ['offered', 'escalated'];
