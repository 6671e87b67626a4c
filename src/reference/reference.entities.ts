import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

@Entity('insurers')
export class InsurerEntity {
  @PrimaryColumn('text') uzovi: string;
  @Column('text') name: string;
}

@Entity('regions')
@Check('regions_population_check', 'population >= 0')
@Check(
  'regions_referral_response_check',
  'referral_response_today BETWEEN 1 AND 1440 AND referral_response_within_24h BETWEEN 1 AND 1440 AND referral_response_planned BETWEEN 1 AND 1440',
)
@Check(
  'regions_placement_norm_check',
  'placement_norm_today BETWEEN 1 AND 20160 AND placement_norm_within_24h BETWEEN 1 AND 20160 AND placement_norm_planned BETWEEN 1 AND 20160',
)
@Check('regions_capacity_stale_hours_check', 'capacity_stale_hours BETWEEN 1 AND 168')
export class RegionEntity {
  @PrimaryColumn('text') code: string;
  @Column('text') name: string;
  @Column('integer') population: number;
  @ForeignKey('insurers', { name: 'regions_preferred_insurer_uzovi_fkey' })
  @Column('text', { name: 'preferred_insurer_uzovi' })
  preferredInsurerUzovi: string;
  @Column('text') timezone: string;
  @Column('boolean', { name: 'auto_approve_offers', default: false }) autoApproveOffers: boolean;
  /** The region's coordination desk, E.164 (`+31201234567`); shown with each duty in the nurses' calendar feeds. */
  @Column('text', { name: 'coordinator_phone', nullable: true }) coordinatorPhone: string | null;
  /** A page still unacknowledged this long after it was sent goes by SMS too (0: never). */
  @Column('integer', { name: 'sms_after_seconds', default: 120 }) smsAfterSeconds: number;
  /** How long a provider has to answer a referral offer, per urgency (minutes). */
  @Column('integer', { name: 'referral_response_today', default: 30 }) referralResponseToday: number;
  @Column('integer', { name: 'referral_response_within_24h', default: 120 }) referralResponseWithin24h: number;
  @Column('integer', { name: 'referral_response_planned', default: 480 }) referralResponsePlanned: number;
  /** The norm for placing a referral from its creation, per urgency (minutes), for the figures. */
  @Column('integer', { name: 'placement_norm_today', default: 120 }) placementNormToday: number;
  @Column('integer', { name: 'placement_norm_within_24h', default: 480 }) placementNormWithin24h: number;
  @Column('integer', { name: 'placement_norm_planned', default: 2880 }) placementNormPlanned: number;
  /** Intake lines of a provider that has not published for longer than this read grey. */
  @Column('integer', { name: 'capacity_stale_hours', default: 24 }) capacityStaleHours: number;
}

@Entity('providers')
export class ProviderEntity {
  @PrimaryColumn('text') agb: string;
  @Column('text') name: string;
  /** Pages of acute requests of contracts where this provider is the responsible party are POSTed here. */
  @Column('text', { name: 'paging_webhook_url', nullable: true }) pagingWebhookUrl: string | null;
  /** The HMAC key that signs those POSTs; never selected by default, so no list or GET shows it. */
  @Column('text', { name: 'paging_webhook_secret', nullable: true, select: false }) pagingWebhookSecret?: string | null;
}

@Entity('consortia')
export class ConsortiumEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @ForeignKey('providers', { name: 'consortia_lead_agb_fkey' })
  @Column('text', { name: 'lead_agb' })
  leadAgb: string;
  @Column('simple-json', { name: 'member_agbs' }) memberAgbs: string[];
}
