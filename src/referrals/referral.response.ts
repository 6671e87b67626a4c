import { ApiProperty } from '@nestjs/swagger';
import { CARE_KINDS, CLOSE_OUTCOMES, DECLINE_REASONS, OFFER_ANSWERS, REFERRAL_STATUSES, REFERRAL_URGENCIES, SKIP_REASONS } from './referral-codes.js';

export class ReferralOfferResponse {
  @ApiProperty({ description: 'Opaque id of the offer (also the Idempotency-Key of its webhook POST)', example: '0193…' }) id: string;
  @ApiProperty({ example: '75123456' }) agb: string;
  @ApiProperty({ example: 'Buurtzorg Amstel' }) name: string;
  @ApiProperty({ example: '2026-12-08T10:00:00+01:00' }) offeredAt: string;
  @ApiProperty({
    description:
      'The answer is due by then (offeredAt + the region’s referralResponseMinutes for the urgency); without one the offer times out and the next provider is offered',
    example: '2026-12-08T12:00:00+01:00',
  })
  respondBy: string;
  @ApiProperty({
    enum: OFFER_ANSWERS,
    nullable: true,
    type: String,
    description: 'null while open; withdrawn when the desk offered the referral elsewhere or closed it, or its referrer cancelled it',
  })
  answer: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) answeredAt: string | null;
  @ApiProperty({ enum: DECLINE_REASONS, nullable: true, type: String, description: 'A decline’s reason', example: null }) reason: string | null;
  @ApiProperty({ description: 'Offered by hand by the desk (a coordinator), not by the ranking', example: false }) manual: boolean;
}

export class PlacedWithResponse {
  @ApiProperty({ example: '75123456' }) agb: string;
  @ApiProperty({ example: 'Buurtzorg Amstel' }) name: string;
  @ApiProperty({ description: 'The provider’s intake desk, E.164: the referrer calls it or sends the transfer there', example: '+31205550123' })
  intakePhone: string;
}

export class SkippedProviderResponse {
  @ApiProperty({ example: '75234567' }) agb: string;
  @ApiProperty({ example: 'Thuiszorg West' }) name: string;
  @ApiProperty({
    enum: SKIP_REASONS,
    description:
      'Why the last ranking passed it by, the first that applies in this order: outside-area (no line covers the PC4), care-kind (not every kind asked), no-places, stale (grey), declined, timed-out, withdrawn (offered before and taken back by the desk)',
    example: 'no-places',
  })
  reason: string;
}

export class ReferralResponse {
  @ApiProperty({ description: 'Opaque id', example: '0193…' }) id: string;
  @ApiProperty({ example: 'AMS' }) regionCode: string;
  @ApiProperty({ description: 'PC4: the four digits of the postcode', example: '1053' }) postcode: string;
  @ApiProperty({ enum: CARE_KINDS, isArray: true, example: ['basic', 'wound-care'] }) careKinds: string[];
  @ApiProperty({ enum: REFERRAL_URGENCIES, example: 'within-24h' }) urgency: string;
  @ApiProperty({ example: '2026-12-08' }) startOn: string;
  @ApiProperty({ example: 'OLVG-TRF-88412' }) referrerReference: string;
  @ApiProperty({
    description: "The referrer's desk; to a provider only once the referral is placed with it (null before)",
    nullable: true,
    type: String,
    example: '+31205991111',
  })
  callbackPhone: string | null;
  @ApiProperty({
    enum: REFERRAL_STATUSES,
    description:
      'offered: a provider has it and may answer; escalated: nobody is left to offer it to, the desk was paged; placed; closed (by the desk); cancelled (by its referrer)',
    example: 'offered',
  })
  status: string;
  @ApiProperty({ example: '2026-12-08T10:00:00+01:00' }) createdAt: string;
  @ApiProperty({ type: [ReferralOfferResponse], description: 'Every offer, oldest first (a provider sees only its own)' }) offers: ReferralOfferResponse[];
  @ApiProperty({ type: PlacedWithResponse, nullable: true, description: 'The provider that accepted (a provider sees only itself here)' })
  placedWith: PlacedWithResponse | null;
  @ApiProperty({ nullable: true, type: String }) placedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the desk closed it' }) closedAt: string | null;
  @ApiProperty({ enum: CLOSE_OUTCOMES, nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The first time nobody was left to offer it to (the desk was paged then)' }) escalatedAt:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When its referrer cancelled it' }) cancelledAt: string | null;
  @ApiProperty({
    type: [SkippedProviderResponse],
    description: 'The providers of the region the last ranking passed by, by AGB, with the first reason (empty for a provider)',
  })
  skipped: SkippedProviderResponse[];
}

export class DeclinesResponse {
  @ApiProperty({ example: 3 }) 'no-places': number;
  @ApiProperty({ example: 1 }) 'no-expertise': number;
  @ApiProperty({ example: 0 }) 'outside-area': number;
  @ApiProperty({ example: 0 }) other: number;
}

export class CareKindFiguresResponse {
  @ApiProperty({ enum: CARE_KINDS, example: 'basic' }) careKind: string;
  @ApiProperty({ description: 'Referrals asking for this kind (one asking for two kinds counts under both)', example: 30 }) referrals: number;
  @ApiProperty({ example: 27 }) placed: number;
  @ApiProperty({ nullable: true, type: Number, example: 41 }) medianMinutesToPlacement: number | null;
}

export class CapacityGreenResponse {
  @ApiProperty({ enum: CARE_KINDS, example: 'basic' }) careKind: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Share of the month so far (to now for the running month), measured to the millisecond, in which every PC4 that any line of this kind in the region covered had at least one non-grey line with places > 0; two decimals; null when no line offers the kind, or the month has not begun',
    example: 96.5,
  })
  pct: number | null;
}

export class ReferralStatsResponse {
  @ApiProperty({ description: 'Referrals created in the local month', example: 42 }) referrals: number;
  @ApiProperty({ example: 38 }) placed: number;
  @ApiProperty({ description: 'Of those, escalated to the desk at some moment (nobody was left to offer it to)', example: 3 }) escalated: number;
  @ApiProperty({ example: 1 }) cancelled: number;
  @ApiProperty({ description: 'Closed by the desk as placed-outside', example: 1 }) closedOutside: number;
  @ApiProperty({
    description: 'Minutes from creation to acceptance, rounded half up, median by nearest rank; null without placements',
    nullable: true,
    type: Number,
  })
  medianMinutesToPlacement: number | null;
  @ApiProperty({ description: '90th percentile of the same', nullable: true, type: Number }) p90MinutesToPlacement: number | null;
  @ApiProperty({
    description:
      'Placed within the region’s placementNormMinutes for its urgency (exactly the norm is within), in percent with two decimals, over the referrals whose norm is decided: leaving out those still open before their norm passed and those cancelled or closed as no-longer-needed before it passed; closed as placed-outside counts as not within. Null when none',
    nullable: true,
    type: Number,
  })
  placedWithinNormPct: number | null;
  @ApiProperty({
    description: 'Offers made for the placed referrals divided by their number, two decimals; null without placements',
    nullable: true,
    type: Number,
  })
  offersPerPlacement: number | null;
  @ApiProperty({ type: DeclinesResponse, description: 'Declines per reason over every offer of these referrals' }) declines: DeclinesResponse;
  @ApiProperty({ description: 'Offers of these referrals that timed out', example: 2 }) timeouts: number;
  @ApiProperty({ type: [CareKindFiguresResponse], description: 'Every care kind, in the fixed order' }) byCareKind: CareKindFiguresResponse[];
  @ApiProperty({ type: [CapacityGreenResponse], description: 'Every care kind, in the fixed order' }) capacityGreenPct: CapacityGreenResponse[];
}
