import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { inChunks, parameterMarker } from '../database/dialect.js';
import { SqliteReaders } from '../database/sqlite-readers.js';
import type { FunctionCode } from '../contracts/contract.entity.js';
import type { Recipient } from './escalation-policy.js';
import { RequestEntity, RequestPageEntity } from './request.entities.js';

/** No slot lasts longer than this (24 h of wall clock plus a clock change), which bounds the index scan. */
const LONGEST_SLOT_MS = 26 * 3_600_000;

/** What routing and delivery need of a contract, read in one query. */
export interface PagingTerms {
  contractId: string;
  regionCode: string;
  function: FunctionCode;
  /** The providers whose nurses are the party's: the provider, or the consortium's members. */
  employerAgbs: string[];
  ackMinutes: number | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  /** The region's smsAfterSeconds (0: no SMS). */
  smsAfterSeconds: number;
}

/**
 * The SQL of acute requests. Who may be paged is read from tables other modules own (contracts,
 * consortia, providers, slots, assignments, nurses, users): read here, never written, on the
 * read connections (SQLite) so that routing never waits behind a write.
 */
@Injectable()
export class RequestsRepository {
  private readonly p: (n: number) => string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly readers: SqliteReaders,
  ) {
    this.p = parameterMarker(dataSource);
  }

  /** The contract's party, SLA term and webhook (a consortium's webhook is its lead provider's). */
  async pagingTerms(contractId: string): Promise<PagingTerms | null> {
    const [row] = await this.readers.query<{
      id: string;
      region_code: string;
      function: FunctionCode;
      party_type: string;
      party_agb: string | null;
      member_agbs: string | null;
      sla_ack_minutes: number | null;
      url: string | null;
      secret: string | null;
      sms_after_seconds: number | string | null;
    }>(
      `SELECT c.id, c.region_code, c.function, c.party_type, c.party_agb, co.member_agbs, c.sla_ack_minutes,
          p.paging_webhook_url AS url, p.paging_webhook_secret AS secret, rg.sms_after_seconds
        FROM contracts c
        LEFT JOIN consortia co ON co.id = c.party_consortium_id
        LEFT JOIN providers p ON p.agb = COALESCE(c.party_agb, co.lead_agb)
        LEFT JOIN regions rg ON rg.code = c.region_code
        WHERE c.id = ${this.p(1)}`,
      [contractId],
    );
    if (!row) return null;
    return {
      contractId: row.id,
      regionCode: row.region_code,
      function: row.function,
      employerAgbs: row.party_type === 'provider' ? (row.party_agb ? [row.party_agb] : []) : row.member_agbs ? (JSON.parse(row.member_agbs) as string[]) : [],
      ackMinutes: row.sla_ack_minutes === null ? null : Number(row.sla_ack_minutes),
      webhookUrl: row.url,
      webhookSecret: row.secret,
      smsAfterSeconds: row.sms_after_seconds === null ? 0 : Number(row.sms_after_seconds),
    };
  }

  /** Nurses of the given employers on any slot running at the instant in the region (any function). */
  async nursesOnDutyInRegion(regionCode: string, employerAgbs: string[], atMs: number): Promise<Array<{ id: string; name: string }>> {
    if (!employerAgbs.length) return [];
    const p = this.p;
    const agbs = employerAgbs.map((_, i) => p(i + 5)).join(', ');
    const rows = await this.readers.query<{ id: string; name: string }>(
      `SELECT DISTINCT n.id AS id, n.name AS name FROM slots s
        JOIN assignments a ON a.slot_id = s.id AND a.status = 'active'
        JOIN nurses n ON n.id = a.nurse_id
        WHERE s.region_code = ${p(1)} AND s.start_ms > ${p(2)} AND s.start_ms <= ${p(3)} AND s.end_ms > ${p(4)} AND n.employer_agb IN (${agbs})
        ORDER BY n.name, n.id`,
      [regionCode, atMs - LONGEST_SLOT_MS, atMs, atMs, ...employerAgbs],
    );
    return rows;
  }

  /** The region's coordinators (users with a live token). */
  async coordinatorsOf(regionCode: string): Promise<Recipient[]> {
    const rows = await this.readers.query<{ id: string; name: string; region_codes: string }>(
      `SELECT id, name, region_codes FROM users WHERE role = 'coordinator' AND revoked_at IS NULL ORDER BY name, id`,
      [],
    );
    return rows
      .filter((r) => (JSON.parse(r.region_codes) as string[]).includes(regionCode))
      .map((r) => ({ key: `user:${r.id}`, nurseId: null, userId: r.id, name: r.name }));
  }

  /** Each nurse's user (the oldest live one), so a page names who will see it in the app. */
  async userIdsOfNurses(nurseIds: string[]): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    if (!nurseIds.length) return map;
    const rows = await inChunks(nurseIds, (chunk) =>
      this.dataSource.query<Array<{ id: string; nurse_id: string }>>(
        `SELECT id, nurse_id FROM users WHERE role = 'nurse' AND revoked_at IS NULL AND nurse_id IN (${chunk.map((_, i) => this.p(i + 1)).join(', ')})
          ORDER BY created_at DESC`,
        chunk,
      ),
    );
    for (const r of rows) map.set(r.nurse_id, r.id);
    return map;
  }

  /** Requests whose next step is due (read without a lock: each is then claimed under its own). */
  async dueIds(now: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM requests WHERE status = 'paging' AND next_step_at <= ${this.p(1)} ORDER BY next_step_at LIMIT ${this.p(2)}`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Pages whose SMS is due (read without a lock: each is then claimed under its request's). */
  async dueSms(now: number, limit: number): Promise<Array<{ id: string; requestId: string }>> {
    const rows: Array<{ id: string; request_id: string }> = await this.dataSource.query(
      `SELECT id, request_id FROM request_pages WHERE sms_due_at <= ${this.p(1)} ORDER BY sms_due_at LIMIT ${this.p(2)}`,
      [now, limit],
    );
    return rows.map((r) => ({ id: r.id, requestId: r.request_id }));
  }

  pagesOf(m: EntityManager, requestIds: string[]): Promise<RequestPageEntity[]> {
    if (!requestIds.length) return Promise.resolve([]);
    return inChunks(requestIds, (chunk) => m.find(RequestPageEntity, { where: { requestId: In(chunk) }, order: { pagedAt: 'ASC', step: 'ASC', name: 'ASC' } }));
  }

  /**
   * The pages addressed to a nurse or a user, newest first, each with its request (null for a
   * referral's page). `status` filters the requests' pages in SQL; referrals' pages come along
   * for the caller to filter by their referral's state.
   */
  async pagesFor(
    m: EntityManager,
    who: { nurseId: string | null; userId: string },
    status: string | undefined,
    limit: number,
  ): Promise<Array<{ page: RequestPageEntity; request: RequestEntity | null }>> {
    const qb = m.createQueryBuilder(RequestPageEntity, 'pg').leftJoin(RequestEntity, 'r', 'r.id = pg.request_id');
    if (who.nurseId) qb.where('pg.nurse_id = :nurseId', { nurseId: who.nurseId });
    else qb.where('pg.user_id = :userId', { userId: who.userId });
    if (status) qb.andWhere('(r.status = :status OR pg.referral_id IS NOT NULL)', { status });
    const pages = await qb.orderBy('pg.paged_at', 'DESC').addOrderBy('pg.id', 'ASC').limit(limit).getMany();
    const requestIds = [...new Set(pages.map((p) => p.requestId).filter((id): id is string => id !== null))];
    const requests = new Map((await inChunks(requestIds, (chunk) => m.findBy(RequestEntity, { id: In(chunk) }))).map((r) => [r.id, r]));
    return pages.map((page) => ({ page, request: page.requestId === null ? null : (requests.get(page.requestId) as RequestEntity) }));
  }
}
