import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { inChunks, parameterMarker } from '../database/dialect.js';
import { SqliteReaders } from '../database/sqlite-readers.js';
import type { Placement } from './matching.js';
import type { ReferralStatus } from './referral-codes.js';
import { ReferralEntity, ReferralOfferEntity } from './referral.entities.js';

export interface ReferralFilter {
  /** Only these regions (a coordinator's). */
  regionCodes?: readonly string[];
  /** Only those made by this user (a partner's own). */
  createdBy?: string;
  /** Only those offered to this provider. */
  offeredTo?: string;
  status?: ReferralStatus;
  fromMs?: number;
  toMs?: number;
  limit: number;
}

/** The SQL of referrals: the due timers, the region's placements for the ranking, the lists. */
@Injectable()
export class ReferralsRepository {
  private readonly placementsSql: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly readers: SqliteReaders,
  ) {
    const p = parameterMarker(dataSource);
    this.placementsSql = `SELECT placed_agb, placed_at FROM referrals WHERE region_code = ${p(1)} AND placed_at > ${p(2)}`;
  }

  /** Referrals whose open offer is due (read without a lock: each is then claimed under its own). */
  async dueIds(now: number, limit: number): Promise<string[]> {
    const p = parameterMarker(this.dataSource);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM referrals WHERE status = 'offered' AND offer_due_at <= ${p(1)} ORDER BY offer_due_at LIMIT ${p(2)}`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Referrals of the region placed after `since`: who accepted, and when. Through `m` inside a
   * transaction, else on the read connections.
   */
  async placementsIn(m: EntityManager | null, regionCode: string, since: number): Promise<Placement[]> {
    const rows: Array<{ placed_agb: string; placed_at: number | string }> = m
      ? await m.query(this.placementsSql, [regionCode, since])
      : await this.readers.query(this.placementsSql, [regionCode, since]);
    return rows.map((r) => ({ agb: r.placed_agb, placedAt: Number(r.placed_at) }));
  }

  offersOf(m: EntityManager, referralIds: readonly string[]): Promise<ReferralOfferEntity[]> {
    if (!referralIds.length) return Promise.resolve([]);
    return inChunks([...referralIds], (chunk) => m.find(ReferralOfferEntity, { where: { referralId: In(chunk) }, order: { offeredAt: 'ASC', id: 'ASC' } }));
  }

  /** Referrals by the filter, newest first. */
  list(m: EntityManager, f: ReferralFilter): Promise<ReferralEntity[]> {
    const qb = m.createQueryBuilder(ReferralEntity, 'r');
    if (f.regionCodes) qb.andWhere('r.region_code IN (:...regions)', { regions: f.regionCodes.length ? [...f.regionCodes] : [''] });
    if (f.createdBy) qb.andWhere('r.created_by = :me', { me: f.createdBy });
    if (f.offeredTo) qb.andWhere('EXISTS (SELECT 1 FROM referral_offers o WHERE o.referral_id = r.id AND o.agb = :agb)', { agb: f.offeredTo });
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    if (f.fromMs !== undefined) qb.andWhere('r.created_at >= :fromMs', { fromMs: f.fromMs });
    if (f.toMs !== undefined) qb.andWhere('r.created_at < :toMs', { toMs: f.toMs });
    return qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'ASC').limit(f.limit).getMany();
  }

  /** Every referral of the region created in [from, to), for the figures. */
  createdIn(regionCode: string, from: number, to: number): Promise<ReferralEntity[]> {
    return this.dataSource.manager
      .createQueryBuilder(ReferralEntity, 'r')
      .where('r.region_code = :regionCode AND r.created_at >= :from AND r.created_at < :to', { regionCode, from, to })
      .getMany();
  }
}
