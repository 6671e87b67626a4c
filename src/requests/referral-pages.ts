import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { newId } from '../common/ids.js';
import type { Principal } from '../common/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { OutboxService } from '../delivery/outbox.service.js';
import { OnCallService } from '../on-call/on-call.service.js';
import { RegionZones } from '../reference/region-zones.service.js';
import type { Recipient } from './escalation-policy.js';
import { PagesStream } from './pages-stream.js';
import { pageView } from './request-view.js';
import { RequestPageEntity } from './request.entities.js';
import type { PagedReferralResponse } from './request.response.js';
import { RequestsRepository } from './requests.repository.js';

/** The referrals feature (above this one) tells how a referral reads on a page. */
export type PagedReferralResolver = (ids: string[]) => Promise<Map<string, PagedReferralResponse>>;

/** Who a referral's escalation pages, read before the transaction that writes the pages. */
export interface ReferralRecipients {
  recipients: Recipient[];
  /** The care-coordination contract's party's webhook, if it has one. */
  hook: { url: string; secret: string } | null;
  zone: string;
}

/**
 * The paging path for referrals that no provider could take (api.md, "Offers, one at a time":
 * "the region's coordinators are paged as step 3 of an acute request is, and so is the nurse on
 * duty for the region's care-coordination contract"): the same pages table, event stream, audit
 * and webhook outbox as acute requests. A page names its referral instead of a request; the
 * referrals feature registers how a referral reads on a page.
 */
@Injectable()
export class ReferralPages {
  private resolver: PagedReferralResolver | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: RequestsRepository,
    private readonly onCall: OnCallService,
    private readonly zones: RegionZones,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly stream: PagesStream,
  ) {}

  register(resolver: PagedReferralResolver): void {
    this.resolver = resolver;
  }

  /** Referrals as pages name them (empty when no feature registered). */
  async referrals(ids: string[]): Promise<Map<string, PagedReferralResponse>> {
    if (!ids.length || !this.resolver) return new Map();
    return this.resolver([...new Set(ids)]);
  }

  /**
   * The region's coordinators and the nurses on duty now on the region's care-coordination
   * contract (with their users), and that contract's party's webhook. Read on the read
   * connections, outside any transaction.
   */
  async recipients(regionCode: string, now: number): Promise<ReferralRecipients> {
    const zone = await this.zones.zoneOf(regionCode);
    const [onCall, coordinators] = await Promise.all([
      this.onCall.findOnCall(regionCode, 'care-coordination', now, zone),
      this.repo.coordinatorsOf(regionCode),
    ]);
    const nurses = onCall ? onCall.slots.flatMap((s) => s.nurses) : [];
    const users = await this.repo.userIdsOfNurses([...new Set(nurses.map((n) => n.id))]);
    const seen = new Set<string>();
    const onDuty: Recipient[] = [];
    for (const n of nurses) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      onDuty.push({ key: `nurse:${n.id}`, nurseId: n.id, userId: users.get(n.id) ?? null, name: n.name });
    }
    const terms = onCall ? await this.repo.pagingTerms(onCall.contract.id) : null;
    const hook = terms?.webhookUrl && terms.webhookSecret ? { url: terms.webhookUrl, secret: terms.webhookSecret } : null;
    return { recipients: [...coordinators, ...onDuty], hook, zone };
  }

  /**
   * Pages the recipients for the referral inside the caller's transaction (each person once per
   * referral), audits each page, announces them to the other instances at commit and queues the
   * webhook: the page with the referral as pages name it (event `referral.escalated`).
   */
  async write(m: EntityManager, who: Principal, referral: PagedReferralResponse, loaded: ReferralRecipients, now: number): Promise<RequestPageEntity[]> {
    const already = new Set((await m.find(RequestPageEntity, { where: { referralId: referral.id }, select: { recipient: true } })).map((p) => p.recipient));
    const pages = loaded.recipients
      .filter((r) => !already.has(r.key))
      .map((r) =>
        Object.assign(new RequestPageEntity(), {
          id: newId(),
          requestId: null,
          referralId: referral.id,
          step: 3,
          recipient: r.key,
          nurseId: r.nurseId,
          userId: r.userId,
          name: r.name,
          pagedAt: now,
          // Reached through the event stream and the webhook; push and SMS carry acute requests only.
          smsDueAt: null,
          streamedAt: null,
          pagedBy: null,
        }),
      );
    if (!pages.length) return [];
    await m.insert(RequestPageEntity, pages);
    await this.stream.announce(m, pages);
    await this.audit.appendMany(
      m,
      who,
      'page',
      'request-page',
      pages.map((p) => ({ entityId: p.id, summary: `referral ${referral.id} escalated: ${p.nurseId ? `nurse ${p.nurseId}` : `user ${p.userId}`}` })),
    );
    const hook = loaded.hook;
    if (hook) {
      await this.outbox.enqueue(
        m,
        pages.map((p) => ({
          kind: 'page' as const,
          url: hook.url,
          secret: hook.secret,
          body: { event: 'referral.escalated', referral, page: pageView(p, loaded.zone) },
          idempotencyKey: p.id,
          pageId: p.id,
        })),
      );
    }
    return pages;
  }

  /** Pages just committed: to this instance's open streams. */
  publish(pages: RequestPageEntity[]): void {
    this.stream.publish(pages);
  }

  /** The pages of a referral (who was paged for it). */
  pagesOf(referralIds: string[], m: EntityManager = this.dataSource.manager): Promise<RequestPageEntity[]> {
    if (!referralIds.length) return Promise.resolve([]);
    return m.find(RequestPageEntity, { where: { referralId: In(referralIds) }, order: { pagedAt: 'ASC', name: 'ASC' } });
  }
}
