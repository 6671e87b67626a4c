import { formatInstant } from '../common/local-time.js';
import type { PagedReferralResponse } from '../requests/request.response.js';
import type { ReferralOfferEntity, ReferralEntity } from './referral.entities.js';
import type { ReferralOfferResponse, ReferralResponse } from './referral.response.js';

const at = (ms: number | null, zone: string) => (ms === null ? null : formatInstant(ms, zone));

/** Who reads a referral: everything (its referrer, the desk, an admin), or one provider that was offered it. */
export type Audience = { kind: 'full' } | { kind: 'provider'; agb: string };

export function offerView(o: ReferralOfferEntity, names: ReadonlyMap<string, string>, zone: string): ReferralOfferResponse {
  return {
    id: o.id,
    agb: o.agb,
    name: names.get(o.agb) ?? o.agb,
    offeredAt: formatInstant(o.offeredAt, zone),
    respondBy: formatInstant(o.respondBy, zone),
    answer: o.answer,
    answeredAt: at(o.answeredAt, zone),
    reason: o.reason,
    manual: !!o.manual,
  };
}

/**
 * The referral as the API shows it; instants in the region's zone. A provider reads its own
 * offers only, who else was passed by or took it stays hidden, and the referrer's phone shows
 * once the referral is placed with that provider.
 */
export function referralView(
  r: ReferralEntity,
  offers: readonly ReferralOfferEntity[],
  names: ReadonlyMap<string, string>,
  phones: ReadonlyMap<string, string>,
  zone: string,
  audience: Audience,
): ReferralResponse {
  const mine = (agb: string | null) => audience.kind === 'full' || agb === audience.agb;
  const placedWith =
    r.placedAgb !== null && mine(r.placedAgb)
      ? { agb: r.placedAgb, name: names.get(r.placedAgb) ?? r.placedAgb, intakePhone: phones.get(r.placedAgb) ?? '' }
      : null;
  return {
    id: r.id,
    regionCode: r.regionCode,
    postcode: r.postcode,
    careKinds: r.careKinds,
    urgency: r.urgency,
    startOn: r.startOn,
    referrerReference: r.referrerReference,
    callbackPhone: audience.kind === 'full' || (r.placedAgb !== null && r.placedAgb === audience.agb) ? r.callbackPhone : null,
    status: r.status,
    createdAt: formatInstant(r.createdAt, zone),
    offers: [...offers]
      .filter((o) => mine(o.agb))
      .sort((a, b) => a.offeredAt - b.offeredAt || a.id.localeCompare(b.id))
      .map((o) => offerView(o, names, zone)),
    placedWith,
    placedAt: placedWith ? at(r.placedAt, zone) : null,
    closedAt: at(r.closedAt, zone),
    outcome: r.outcome,
    escalatedAt: audience.kind === 'full' ? at(r.escalatedAt, zone) : null,
    cancelledAt: at(r.cancelledAt, zone),
    skipped: audience.kind === 'full' ? r.skipped.map((s) => ({ agb: s.agb, name: names.get(s.agb) ?? s.agb, reason: s.reason })) : [],
  };
}

/** A referral as a page names it: no reference, no phone. */
export function pagedReferralView(r: ReferralEntity, zone: string): PagedReferralResponse {
  return {
    id: r.id,
    regionCode: r.regionCode,
    postcode: r.postcode,
    careKinds: r.careKinds,
    urgency: r.urgency,
    startOn: r.startOn,
    status: r.status,
    createdAt: formatInstant(r.createdAt, zone),
  };
}

/**
 * What a provider's webhook receives for an offer (event `referral.offered`): the referral as the
 * provider reads it (no referrer's phone, no other providers) and the offer. Idempotency-Key: the
 * offer's id.
 */
export function offerWebhookBody(r: ReferralEntity, offer: ReferralOfferEntity, names: ReadonlyMap<string, string>, zone: string) {
  const {
    offers: _offers,
    skipped: _skipped,
    callbackPhone: _phone,
    placedWith: _placed,
    placedAt: _placedAt,
    ...referral
  } = referralView(r, [], names, new Map(), zone, { kind: 'provider', agb: offer.agb });
  void _offers;
  void _skipped;
  void _phone;
  void _placed;
  void _placedAt;
  return { event: 'referral.offered', referral, offer: offerView(offer, names, zone) };
}
