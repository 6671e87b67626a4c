import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';
import {
  CARE_KINDS,
  type CareKind,
  type CloseOutcome,
  type DeclineReason,
  type OfferAnswer,
  type ReferralStatus,
  type ReferralUrgency,
} from './referral-codes.js';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** A provider's intake: the phone a referrer calls once placed, and when the provider last published its capacity. */
@Entity('provider_intake')
export class ProviderIntakeEntity {
  @ForeignKey('providers', { name: 'provider_intake_agb_fkey' })
  @PrimaryColumn('text')
  agb: string;
  /** E.164. */
  @Column('text', { name: 'intake_phone' }) intakePhone: string;
  /** The provider's last publication (PUT of its lines, or a PATCH of one line): older than the region's capacityStaleHours reads grey. */
  @Column('bigint', { name: 'published_at', transformer: bigintAsNumber }) publishedAt: number;
  @Column('text', { name: 'published_by' }) publishedBy: string;
}

/**
 * The version of a region's intake: it goes up in every transaction that changes a line of the
 * region (publishing, a tap, a place taken) or the publication of a provider with lines there, so
 * that any instance can keep the region's lines and know when they changed.
 */
@Entity('intake_versions')
export class IntakeVersionEntity {
  @ForeignKey('regions', { name: 'intake_versions_region_code_fkey' })
  @PrimaryColumn('text', { name: 'region_code' })
  regionCode: string;
  @Column('integer') version: number;
}

/**
 * One intake line: a provider can start `places` new clients of one care kind within 48 h in a set
 * of PC4 areas of one region. A provider's lines never overlap for one region and care kind, so a
 * referral matches at most one line of a provider per care kind.
 */
@Entity('intake_lines')
@Index('intake_lines_region', ['regionCode', 'careKind'])
@Index('intake_lines_agb', ['agb'])
@Check('intake_lines_places_check', 'places BETWEEN 0 AND 99')
@Check('intake_lines_care_kind_check', `care_kind IN (${list(CARE_KINDS)})`)
export class IntakeLineEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('providers', { name: 'intake_lines_agb_fkey' })
  @Column('text')
  agb: string;
  @ForeignKey('regions', { name: 'intake_lines_region_code_fkey' })
  @Column('text', { name: 'region_code' })
  regionCode: string;
  @Column('text', { name: 'care_kind' }) careKind: CareKind;
  /** As published: PC4 codes and inclusive ranges (`1012-1019`). */
  @Column('simple-json') postcodes: string[];
  @Column('integer') places: number;
  /** The provider's own neighbourhood team for these postcodes. */
  @Column('boolean', { name: 'is_primary' }) primary: boolean;
  @Column('bigint', { name: 'updated_at', transformer: bigintAsNumber }) updatedAt: number;
}

/**
 * A provider's lines as they were from `at` on, written at every change (publishing, a place taken
 * by an accepted referral): the history from which the figures compute how much of a month each
 * area had room. Append-only in use.
 */
@Entity('intake_snapshots')
@Index('intake_snapshots_agb_at', ['agb', 'at'])
export class IntakeSnapshotEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('providers', { name: 'intake_snapshots_agb_fkey' })
  @Column('text')
  agb: string;
  @Column('bigint', { transformer: bigintAsNumber }) at: number;
  /** The provider's publication in force from `at` on. */
  @Column('bigint', { name: 'published_at', transformer: bigintAsNumber }) publishedAt: number;
  @Column('simple-json') lines: Array<{ regionCode: string; careKind: CareKind; postcodes: string[]; places: number }>;
}

/**
 * A referral to district nursing. By construction it holds no client data: the postcode's four
 * digits, the care kinds, the start, the urgency and the referrer's own reference.
 */
@Entity('referrals')
@Index('referrals_due', ['offerDueAt'])
@Index('referrals_region_created', ['regionCode', 'createdAt'])
@Index('referrals_created_by', ['createdBy', 'createdAt'])
@Check('referrals_status_check', `status IN ('offered', 'escalated', 'placed', 'closed', 'cancelled')`)
@Check('referrals_urgency_check', `urgency IN ('today', 'within-24h', 'planned')`)
export class ReferralEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('regions', { name: 'referrals_region_code_fkey' })
  @Column('text', { name: 'region_code' })
  regionCode: string;
  @Column('text') postcode: string;
  @Column('simple-json', { name: 'care_kinds' }) careKinds: CareKind[];
  @Column('text') urgency: ReferralUrgency;
  @Column('text', { name: 'start_on' }) startOn: string;
  @Column('text', { name: 'referrer_reference' }) referrerReference: string;
  @Column('text', { name: 'callback_phone', nullable: true }) callbackPhone: string | null;
  @Column('text') status: ReferralStatus;
  /** The user who made it (a partner, coordinator or admin). */
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
  /** The open offer's answer deadline: the durable timer the ticker claims. Null unless an offer is open. */
  @Column('bigint', { name: 'offer_due_at', nullable: true, transformer: bigintAsNumber }) offerDueAt: number | null;
  /** The first time nobody was left to offer it to (the coordinators were paged then). */
  @Column('bigint', { name: 'escalated_at', nullable: true, transformer: bigintAsNumber }) escalatedAt: number | null;
  @ForeignKey('providers', { name: 'referrals_placed_agb_fkey' })
  @Column('text', { name: 'placed_agb', nullable: true })
  placedAgb: string | null;
  @Column('bigint', { name: 'placed_at', nullable: true, transformer: bigintAsNumber }) placedAt: number | null;
  @Column('bigint', { name: 'closed_at', nullable: true, transformer: bigintAsNumber }) closedAt: number | null;
  @Column('text', { nullable: true }) outcome: CloseOutcome | null;
  @Column('bigint', { name: 'cancelled_at', nullable: true, transformer: bigintAsNumber }) cancelledAt: number | null;
  /** The last ranking's skipped providers with their first reason. */
  @Column('simple-json') skipped: Array<{ agb: string; reason: string }>;
}

/** One offer of a referral to one provider. A provider is offered a referral at most once; one offer is open at a time. */
@Entity('referral_offers')
@Index('referral_offers_once', ['referralId', 'agb'], { unique: true })
@Index('referral_offers_one_open', ['referralId'], { unique: true, where: 'answer IS NULL' })
@Index('referral_offers_agb', ['agb', 'offeredAt'])
@Check('referral_offers_answer_check', `answer IS NULL OR answer IN ('accepted', 'declined', 'timed-out', 'withdrawn')`)
@Check('referral_offers_reason_check', `reason IS NULL OR reason IN ('no-places', 'no-expertise', 'outside-area', 'other')`)
export class ReferralOfferEntity {
  @PrimaryColumn('text') id: string;
  @ForeignKey('referrals', { name: 'referral_offers_referral_id_fkey' })
  @Column('text', { name: 'referral_id' })
  referralId: string;
  @ForeignKey('providers', { name: 'referral_offers_agb_fkey' })
  @Column('text')
  agb: string;
  @Column('bigint', { name: 'offered_at', transformer: bigintAsNumber }) offeredAt: number;
  /** No answer by then: timed out, and the next provider is offered. */
  @Column('bigint', { name: 'respond_by', transformer: bigintAsNumber }) respondBy: number;
  /** Null while open. */
  @Column('text', { nullable: true }) answer: OfferAnswer | null;
  @Column('bigint', { name: 'answered_at', nullable: true, transformer: bigintAsNumber }) answeredAt: number | null;
  /** A decline's reason. */
  @Column('text', { nullable: true }) reason: DeclineReason | null;
  /** Offered by hand by the desk (a coordinator), not by the ranking. */
  @Column('boolean') manual: boolean;
  /** Who offered it: "system" for the ranking, else the coordinator's user. */
  @Column('text', { name: 'offered_by' }) offeredBy: string;
}
