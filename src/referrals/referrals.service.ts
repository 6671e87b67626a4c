import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { addDays, formatInstant, monthBounds, parseInstant, placeLocal, todayIn } from '../common/local-time.js';
import { type LockKey, Locks } from '../database/locks.js';
import { type Principal, SYSTEM_PRINCIPAL } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { OutboxService } from '../delivery/outbox.service.js';
import type { RegionEntity } from '../reference/reference.entities.js';
import { ReferenceService } from '../reference/reference.service.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { ReferralPages, type ReferralRecipients } from '../requests/referral-pages.js';
import type { PagedReferralResponse } from '../requests/request.response.js';
import { CloseReferralDto, CreateReferralDto, DeclineReferralDto, ListReferralsQuery, OfferReferralDto, ReferralStatsQuery } from './dto/referral.dto.js';
import { IntakeService } from './intake.service.js';
import { HISTORY_DAYS, rankProviders, type Ranking } from './matching.js';
import { covers, normalise } from './postcodes.js';
import { OPEN_STATUSES, type ReferralUrgency } from './referral-codes.js';
import { capacityGreenPct, referralFigures, type UrgencyMinutes } from './referral-figures.js';
import { type Audience, offerWebhookBody, pagedReferralView, referralView } from './referral-view.js';
import { ReferralEntity, ReferralOfferEntity } from './referral.entities.js';
import type { ReferralResponse, ReferralStatsResponse } from './referral.response.js';
import { ReferralsRepository } from './referrals.repository.js';

/** At most this many referrals in one list answer (newest first). */
const LIST_LIMIT = 1000;
const DAY_MS = 86_400_000;

/** The transaction needs the desk's recipients (read before it, outside): it is run again with them. */
class NeedRecipients extends Error {}

/** A ranking made for a referral's offers as they were read, with the desk's recipients where it escalates. */
interface Plan {
  ranking: Ranking;
  recipients?: ReferralRecipients;
}

/** The offers of a referral as a plan was made for them: a plan holds while they are the same. */
function offersKey(offers: ReadonlyArray<{ id: string; answer: string | null }>): string {
  return offers
    .map((o) => `${o.id}:${o.answer ?? ''}`)
    .sort()
    .join(',');
}

export function responseMinutes(region: RegionEntity, urgency: ReferralUrgency): number {
  return urgency === 'today' ? region.referralResponseToday : urgency === 'within-24h' ? region.referralResponseWithin24h : region.referralResponsePlanned;
}

export function placementNorms(region: RegionEntity): UrgencyMinutes {
  return { today: region.placementNormToday, 'within-24h': region.placementNormWithin24h, planned: region.placementNormPlanned };
}

/**
 * Referrals at the regional coordination point: create, offer one provider at a time, answer,
 * time out, escalate to the desk, offer by hand, close, cancel, and the figures. Decisions come
 * from the pure ranking (matching.ts); this service loads what it needs, asks, and writes the
 * outcome with its audit events, webhook deliveries and pages in one transaction under the
 * referral's lock, so that of two answers (or an answer and a timeout, or an answer and a cancel)
 * exactly one wins, on any number of instances.
 */
@Injectable()
export class ReferralsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly zones: RegionZones,
    private readonly intake: IntakeService,
    private readonly pages: ReferralPages,
    private readonly outbox: OutboxService,
    private readonly repo: ReferralsRepository,
  ) {}

  onModuleInit(): void {
    // Pages name their referral as the desk's escalation shows it.
    this.pages.register((ids) => this.pagedReferrals(ids));
  }

  private async pagedReferrals(ids: string[]): Promise<Map<string, PagedReferralResponse>> {
    const referrals = await this.dataSource.manager.findBy(ReferralEntity, { id: In(ids) });
    const result = new Map<string, PagedReferralResponse>();
    const zones = await this.zones.zonesOf(referrals.map((r) => r.regionCode));
    for (const r of referrals) result.set(r.id, pagedReferralView(r, zones.get(r.regionCode)!));
    return result;
  }

  private zoneOf(regionCode: string, m: EntityManager = this.dataSource.manager): Promise<string> {
    return this.zones.zoneOf(regionCode, m);
  }

  // ---- the moves ------------------------------------------------------------------------------

  /**
   * Runs `work` in one transaction under the locks. Where it decides to escalate and the desk's
   * recipients were not read yet, it is rolled back, they are read (outside any transaction:
   * paging reads other modules' tables on the read connections) and it runs again with them.
   */
  private async withRecipients<T>(regionCode: string, locks: LockKey[], work: (m: EntityManager, recipients?: ReferralRecipients) => Promise<T>): Promise<T> {
    try {
      return await this.tx.run((m) => work(m), locks);
    } catch (e) {
      if (!(e instanceof NeedRecipients)) throw e;
    }
    const recipients = await this.pages.recipients(regionCode, this.clock.now());
    return this.tx.run((m) => work(m, recipients), locks);
  }

  /** Offers the referral to one provider (inside the caller's transaction): the offer, its timer, its webhook. */
  private async makeOffer(m: EntityManager, who: Principal, r: ReferralEntity, agb: string, region: RegionEntity, now: number, manual: boolean) {
    const offer = Object.assign(new ReferralOfferEntity(), {
      id: newId(),
      referralId: r.id,
      agb,
      offeredAt: now,
      respondBy: now + responseMinutes(region, r.urgency) * 60_000,
      answer: null,
      answeredAt: null,
      reason: null,
      manual,
      offeredBy: who.userId,
    });
    await m.insert(ReferralOfferEntity, offer);
    r.status = 'offered';
    r.offerDueAt = offer.respondBy;
    await m.update(ReferralEntity, { id: r.id }, { status: r.status, offerDueAt: r.offerDueAt, skipped: r.skipped });
    const hook = await this.reference.webhookOf(agb, m);
    if (hook) {
      const names = await this.reference.providerNames([agb], m);
      await this.outbox.enqueue(m, [
        { kind: 'referral-offer', url: hook.url, secret: hook.secret, body: offerWebhookBody(r, offer, names, region.timezone), idempotencyKey: offer.id },
      ]);
    }
    await this.audit.append(
      m,
      who,
      'offer',
      'referral',
      r.id,
      `offered to provider ${agb}${manual ? ' by hand' : ''}; answer due ${formatInstant(offer.respondBy, region.timezone)} (offer ${offer.id})`,
    );
    return offer;
  }

  /** Closes the open offer with an answer (inside the caller's transaction). */
  private async closeOffer(
    m: EntityManager,
    who: Principal,
    offer: ReferralOfferEntity,
    answer: 'accepted' | 'declined' | 'timed-out' | 'withdrawn',
    now: number,
    reason: ReferralOfferEntity['reason'] = null,
  ) {
    offer.answer = answer;
    offer.answeredAt = now;
    offer.reason = reason;
    await m.update(ReferralOfferEntity, { id: offer.id }, { answer, answeredAt: now, reason });
    const actions = { accepted: 'accept', declined: 'decline', 'timed-out': 'time-out', withdrawn: 'withdraw' } as const;
    await this.audit.append(
      m,
      who,
      actions[answer],
      'referral-offer',
      offer.id,
      `referral ${offer.referralId}, provider ${offer.agb}: ${answer}${reason ? ` (${reason})` : ''}`,
    );
  }

  /**
   * The ranking of the referral given its offers: its input read on the read connections when
   * `m` is null (before the transaction, so that the transaction stays short), else through the
   * transaction. Read outside, and with nobody left for a referral the desk has not had yet, the
   * desk's recipients come along.
   */
  private async plan(
    m: EntityManager | null,
    r: ReferralEntity,
    offers: ReadonlyArray<{ agb: string; answer: ReferralOfferEntity['answer'] }>,
    region: RegionEntity,
    now: number,
  ): Promise<Plan> {
    const lines = await this.intake.matchLines(m, r.regionCode);
    const history = await this.repo.placementsIn(m, r.regionCode, now - HISTORY_DAYS * DAY_MS);
    const ranking = rankProviders(
      { regionCode: r.regionCode, postcode: r.postcode, careKinds: r.careKinds, offers, capacityStaleHours: region.capacityStaleHours },
      lines,
      history,
      now,
    );
    const recipients = m === null && ranking.ranked.length === 0 && r.escalatedAt === null ? await this.pages.recipients(r.regionCode, now) : undefined;
    return { ranking, recipients };
  }

  /**
   * After an offer closed without a placement (or at creation): the next provider of the ranking
   * is offered at once; with nobody left the referral goes to the desk, which is paged the first
   * time. `planned` is a ranking made before the transaction for the offers as they are now;
   * without it the ranking is made here. Returns the pages written (to publish after the commit).
   */
  private async advance(
    m: EntityManager,
    who: Principal,
    r: ReferralEntity,
    offers: ReferralOfferEntity[],
    region: RegionEntity,
    now: number,
    planned?: Plan,
    recipients?: ReferralRecipients,
  ) {
    const { ranking, recipients: found } = planned ?? (await this.plan(m, r, offers, region, now));
    recipients ??= found;
    r.skipped = ranking.skipped.map((s) => ({ agb: s.agb, reason: s.reason }));
    const first = ranking.ranked[0];
    if (first) {
      // The caller's list of offers gains the new one.
      offers.push(await this.makeOffer(m, who, r, first.agb, region, now, false));
      return [];
    }
    r.status = 'escalated';
    r.offerDueAt = null;
    if (r.escalatedAt !== null) {
      // The desk has it already (a hand-made offer came to nothing): back on its list, not paged again.
      await m.update(ReferralEntity, { id: r.id }, { status: r.status, offerDueAt: null, skipped: r.skipped });
      await this.audit.append(m, who, 'return-to-desk', 'referral', r.id, `nobody left to offer it to (${r.skipped.length} passed by): back at the desk`);
      return [];
    }
    if (!recipients) throw new NeedRecipients();
    r.escalatedAt = now;
    await m.update(ReferralEntity, { id: r.id }, { status: r.status, offerDueAt: null, skipped: r.skipped, escalatedAt: now });
    await this.audit.append(m, who, 'escalate', 'referral', r.id, `nobody left to offer it to (${r.skipped.length} passed by): the desk is paged`);
    return this.pages.write(m, who, pagedReferralView(r, region.timezone), recipients, now);
  }

  // ---- create ---------------------------------------------------------------------------------

  async create(who: Principal, dto: CreateReferralDto): Promise<ReferralResponse> {
    if ((who.role === 'partner' || who.role === 'coordinator') && !who.regionCodes.includes(dto.regionCode)) {
      throw new ForbiddenError(`you may not refer clients in region ${dto.regionCode}`);
    }
    const region = await this.reference.regionByCode(dto.regionCode);
    if (!region) throw new RuleViolationError([unknownReference('region', dto.regionCode)]);
    const now = this.clock.now();
    const today = todayIn(region.timezone, now);
    if (dto.startOn < today)
      throw new RuleViolationError([{ rule: 'start-in-past', message: `startOn ${dto.startOn} is before today (${today}) in ${dto.regionCode}` }]);
    const id = newId();
    const fresh = () =>
      Object.assign(new ReferralEntity(), {
        id,
        regionCode: dto.regionCode,
        postcode: dto.postcode,
        careKinds: [...dto.careKinds],
        urgency: dto.urgency,
        startOn: dto.startOn,
        referrerReference: dto.referrerReference,
        callbackPhone: dto.callbackPhone ?? null,
        status: 'escalated' as const,
        createdBy: who.userId,
        createdAt: now,
        offerDueAt: null,
        escalatedAt: null,
        placedAgb: null,
        placedAt: null,
        closedAt: null,
        outcome: null,
        cancelledAt: null,
        skipped: [],
      });
    // Ranked before the transaction, on the read connections: a new referral has no offers to change meanwhile.
    const planned = await this.plan(null, fresh(), [], region, now);
    const offers: ReferralOfferEntity[] = [];
    const { referral, pages } = await this.tx.run(
      async (m) => {
        offers.length = 0;
        const r = fresh();
        await m.insert(ReferralEntity, r);
        await this.audit.append(
          m,
          who,
          'create',
          'referral',
          id,
          `${dto.urgency} ${dto.careKinds.join('+')} in ${dto.regionCode} PC ${dto.postcode} from ${dto.startOn}, reference ${dto.referrerReference}`,
        );
        const written = await this.advance(m, who, r, offers, region, now, planned);
        return { referral: r, pages: written };
      },
      [Locks.referral(id)],
    );
    this.pages.publish(pages);
    // Answered from what the transaction wrote, with the providers' names as they are now.
    const names = await this.reference.providerNames([...offers.map((o) => o.agb), ...referral.skipped.map((x) => x.agb)]);
    return referralView(referral, offers, names, new Map(), region.timezone, { kind: 'full' });
  }

  // ---- timeouts (the durable timer) ------------------------------------------------------------

  /** Referrals whose open offer is due at `now` (for the ticker). */
  dueIds(now: number, limit: number): Promise<string[]> {
    return this.repo.dueIds(now, limit);
  }

  /**
   * Records the open offer of one referral as timed out if it is still open and due, and offers
   * the next provider (or escalates). Under the referral's lock, after reading it again: if an
   * answer, a cancel or another instance got there first, nothing happens. Returns whether it did.
   */
  async timeOut(id: string, now: number): Promise<boolean> {
    const peek = await this.dataSource.manager.findOneBy(ReferralEntity, { id });
    if (!peek || peek.status !== 'offered' || peek.offerDueAt === null || peek.offerDueAt > now) return false;
    // The next provider is ranked before the transaction, for the offers as they are now with the open one timed out.
    const peekOffers = await this.repo.offersOf(this.dataSource.manager, [id]);
    const peekRegion = (await this.reference.regionByCode(peek.regionCode)) as RegionEntity;
    const planned = await this.plan(
      null,
      peek,
      peekOffers.map((o) => (o.answer === null ? { ...o, answer: 'timed-out' as const } : o)),
      peekRegion,
      now,
    );
    const pages = await this.withRecipients(peek.regionCode, [Locks.referral(id)], async (m, recipients) => {
      const r = await m.findOneBy(ReferralEntity, { id });
      if (!r || r.status !== 'offered' || r.offerDueAt === null || r.offerDueAt > now) return null;
      const offers = await this.repo.offersOf(m, [id]);
      const open = offers.find((o) => o.answer === null);
      if (!open || open.respondBy > now) return null;
      const region = (await this.reference.regionByCode(r.regionCode, m)) as RegionEntity;
      // The plan holds while the offers are as they were read; else the ranking is made again here.
      const holds = offersKey(offers) === offersKey(peekOffers);
      await this.closeOffer(m, SYSTEM_PRINCIPAL, open, 'timed-out', now);
      return this.advance(m, SYSTEM_PRINCIPAL, r, offers, region, now, holds ? planned : undefined, recipients);
    });
    if (pages) this.pages.publish(pages);
    return pages !== null;
  }

  // ---- answers --------------------------------------------------------------------------------

  /** Loads the referral with its offers inside the transaction; 404 when it does not exist or the caller may not read it. */
  private async loadForChange(m: EntityManager, who: Principal, id: string) {
    const r = await m.findOneBy(ReferralEntity, { id });
    const offers = r ? await this.repo.offersOf(m, [id]) : [];
    if (!r || !(await this.mayRead(who, r, offers, m))) throw new NotFoundError(`referral ${id} not found`);
    const region = (await this.reference.regionByCode(r.regionCode, m)) as RegionEntity;
    return { r, offers, region };
  }

  private offerClosed(id: string): ConflictError {
    return new ConflictError(`the offer of referral ${id} is closed: answered, timed out or withdrawn`, 'offer-closed');
  }

  /** The open offer the provider may answer now, or 409 offer-closed. */
  private openOfferFor(r: ReferralEntity, offers: ReferralOfferEntity[], agb: string | null, now: number): ReferralOfferEntity {
    const open = offers.find((o) => o.answer === null);
    // An answer at or after respondBy is late: the timer records the timeout within seconds.
    if (r.status !== 'offered' || !open || (agb !== null && open.agb !== agb) || now >= open.respondBy) throw this.offerClosed(r.id);
    return open;
  }

  /** The provider a caller answers for: its own (a provider user), or the one holding the open offer (an admin). */
  private async answeringAgb(who: Principal, id: string): Promise<string | null> {
    if (who.role === 'provider') return who.providerAgb ?? null;
    const open = await this.dataSource.manager.findOneBy(ReferralOfferEntity, { referralId: id, answer: IsNull() });
    return open?.agb ?? null;
  }

  async accept(who: Principal, id: string): Promise<ReferralResponse> {
    const agb = await this.answeringAgb(who, id);
    const locks = [Locks.referral(id), ...(agb ? [Locks.intake(agb)] : [])];
    const r = await this.tx.run(async (m) => {
      const { r, offers } = await this.loadForChange(m, who, id);
      const now = this.clock.now();
      // An admin answers for the provider whose intake lock it holds; a changed offer is closed to it.
      const open = this.openOfferFor(r, offers, agb ?? '', now);
      await this.closeOffer(m, who, open, 'accepted', now);
      Object.assign(r, { status: 'placed', placedAgb: open.agb, placedAt: now, offerDueAt: null });
      await m.update(ReferralEntity, { id }, { status: 'placed', placedAgb: open.agb, placedAt: now, offerDueAt: null });
      // One place from each line it matched on: the provider's line of each kind covering the PC4.
      const pc4 = Number(r.postcode);
      const lines = (await this.intake.linesOf(m, open.agb, r.regionCode)).filter((l) => covers(normalise(l.postcodes), pc4));
      const lineIds = r.careKinds.flatMap((kind) => lines.filter((l) => l.careKind === kind).map((l) => l.id));
      await this.intake.takePlaces(m, who, open.agb, lineIds, id);
      await this.audit.append(m, who, 'accept', 'referral', id, `placed with provider ${open.agb}`);
      return r;
    }, locks);
    return this.view(r, this.audienceOf(who));
  }

  async decline(who: Principal, id: string, dto: DeclineReferralDto): Promise<ReferralResponse> {
    const agb = who.role === 'provider' ? (who.providerAgb ?? '') : null;
    // The next provider is ranked before the transaction, for the offers as they are now with the open one declined.
    const peek = await this.dataSource.manager.findOneBy(ReferralEntity, { id });
    const peekOffers = peek ? await this.repo.offersOf(this.dataSource.manager, [id]) : [];
    const peekRegion = peek ? await this.reference.regionByCode(peek.regionCode) : null;
    const planned =
      peek && peekRegion && peek.status === 'offered'
        ? await this.plan(
            null,
            peek,
            peekOffers.map((o) => (o.answer === null ? { ...o, answer: 'declined' as const } : o)),
            peekRegion,
            this.clock.now(),
          )
        : undefined;
    const { r, pages } = await this.withRecipients(peek?.regionCode ?? '', [Locks.referral(id)], async (m, recipients) => {
      const { r, offers, region } = await this.loadForChange(m, who, id);
      const now = this.clock.now();
      const open = this.openOfferFor(r, offers, agb, now);
      const holds = offersKey(offers) === offersKey(peekOffers);
      await this.closeOffer(m, who, open, 'declined', now, dto.reason);
      const written = await this.advance(m, who, r, offers, region, now, holds ? planned : undefined, recipients);
      return { r, pages: written };
    });
    this.pages.publish(pages);
    return this.view(r, this.audienceOf(who));
  }

  // ---- the desk -------------------------------------------------------------------------------

  private assertOpen(r: ReferralEntity): void {
    if (!OPEN_STATUSES.includes(r.status)) throw new ConflictError(`referral ${r.id} is ${r.status}`, 'referral-closed');
  }

  private assertDesk(who: Principal, r: ReferralEntity): void {
    if (who.role !== 'admin' && !(who.role === 'coordinator' && who.regionCodes.includes(r.regionCode))) {
      throw new ForbiddenError('only a coordinator of the region runs the desk');
    }
  }

  /** Withdraws the open offer, if any (the desk moved the referral, closed it, or its referrer cancelled it). */
  private async withdrawOpen(m: EntityManager, who: Principal, offers: ReferralOfferEntity[], now: number): Promise<void> {
    const open = offers.find((o) => o.answer === null);
    if (open) await this.closeOffer(m, who, open, 'withdrawn', now);
  }

  async offerByHand(who: Principal, id: string, dto: OfferReferralDto): Promise<ReferralResponse> {
    const r = await this.tx.run(
      async (m) => {
        const { r, offers, region } = await this.loadForChange(m, who, id);
        this.assertDesk(who, r);
        this.assertOpen(r);
        if (offers.some((o) => o.agb === dto.agb)) {
          throw new ConflictError(`provider ${dto.agb} was offered referral ${id} before; a provider is offered a referral once`, 'already-offered');
        }
        if (!(await this.reference.providerByAgb(dto.agb, m))) throw new RuleViolationError([unknownReference('provider', dto.agb)]);
        if (!(await this.intake.hasLineIn(m, dto.agb, r.regionCode))) {
          throw new RuleViolationError([{ rule: 'provider-not-in-region', message: `provider ${dto.agb} has no intake line in region ${r.regionCode}` }]);
        }
        const now = this.clock.now();
        await this.withdrawOpen(m, who, offers, now);
        await this.makeOffer(m, who, r, dto.agb, region, now, true);
        return r;
      },
      [Locks.referral(id)],
    );
    return this.view(r, { kind: 'full' });
  }

  async close(who: Principal, id: string, dto: CloseReferralDto): Promise<ReferralResponse> {
    const r = await this.tx.run(
      async (m) => {
        const { r, offers } = await this.loadForChange(m, who, id);
        this.assertDesk(who, r);
        this.assertOpen(r);
        const now = this.clock.now();
        await this.withdrawOpen(m, who, offers, now);
        Object.assign(r, { status: 'closed', outcome: dto.outcome, closedAt: now, offerDueAt: null });
        await m.update(ReferralEntity, { id }, { status: 'closed', outcome: dto.outcome, closedAt: now, offerDueAt: null });
        await this.audit.append(m, who, 'close', 'referral', id, `closed: ${dto.outcome}`);
        return r;
      },
      [Locks.referral(id)],
    );
    return this.view(r, { kind: 'full' });
  }

  async cancel(who: Principal, id: string): Promise<ReferralResponse> {
    const r = await this.tx.run(
      async (m) => {
        const { r, offers } = await this.loadForChange(m, who, id);
        if (who.role !== 'admin' && r.createdBy !== who.userId) throw new ForbiddenError('only whoever made the referral cancels it; the desk closes it');
        this.assertOpen(r);
        const now = this.clock.now();
        await this.withdrawOpen(m, who, offers, now);
        Object.assign(r, { status: 'cancelled', cancelledAt: now, offerDueAt: null });
        await m.update(ReferralEntity, { id }, { status: 'cancelled', cancelledAt: now, offerDueAt: null });
        await this.audit.append(m, who, 'cancel', 'referral', id, 'cancelled by its referrer');
        return r;
      },
      [Locks.referral(id)],
    );
    return this.view(r, { kind: 'full' });
  }

  // ---- reading --------------------------------------------------------------------------------

  private audienceOf(who: Principal): Audience {
    return who.role === 'provider' ? { kind: 'provider', agb: who.providerAgb ?? '' } : { kind: 'full' };
  }

  private async mayRead(
    who: Principal,
    r: ReferralEntity,
    offers: readonly ReferralOfferEntity[],
    m: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    switch (who.role) {
      case 'admin':
        return true;
      case 'coordinator':
        return who.regionCodes.includes(r.regionCode);
      case 'partner':
        return r.createdBy === who.userId;
      case 'provider':
        return offers.some((o) => o.agb === who.providerAgb);
      case 'nurse':
        // The nurse on duty for care coordination, paged when nobody could take it.
        return (await this.pages.pagesOf([r.id], m)).some((p) => p.nurseId !== null && p.nurseId === who.nurseId);
      default:
        return false;
    }
  }

  private async views(referrals: ReferralEntity[], audience: Audience, m: EntityManager = this.dataSource.manager): Promise<ReferralResponse[]> {
    const offers = await this.repo.offersOf(
      m,
      referrals.map((r) => r.id),
    );
    const agbs = [...offers.map((o) => o.agb), ...referrals.flatMap((r) => [...r.skipped.map((s) => s.agb), ...(r.placedAgb ? [r.placedAgb] : [])])];
    const names = await this.reference.providerNames(agbs, m);
    const phones = await this.intake.phonesOf(
      m,
      referrals.flatMap((r) => (r.placedAgb ? [r.placedAgb] : [])),
    );
    const byReferral = offersByReferral(offers);
    const zones = await this.zones.zonesOf(
      referrals.map((r) => r.regionCode),
      m,
    );
    return referrals.map((r) => referralView(r, byReferral.get(r.id) ?? [], names, phones, zones.get(r.regionCode)!, audience));
  }

  private async view(r: ReferralEntity, audience: Audience): Promise<ReferralResponse> {
    return (await this.views([r], audience))[0];
  }

  async get(who: Principal, id: string): Promise<ReferralResponse> {
    const r = await this.dataSource.manager.findOneBy(ReferralEntity, { id });
    const offers = r ? await this.repo.offersOf(this.dataSource.manager, [id]) : [];
    if (!r || !(await this.mayRead(who, r, offers))) throw new NotFoundError(`referral ${id} not found`);
    return this.view(r, this.audienceOf(who));
  }

  async list(who: Principal, q: ListReferralsQuery): Promise<ReferralResponse[]> {
    const fromMs = q.from === undefined ? undefined : (parseInstant(q.from) as number);
    const toMs = q.to === undefined ? undefined : (parseInstant(q.to) as number);
    if (fromMs !== undefined && toMs !== undefined && toMs < fromMs) throw new BadInputError('to must not be before from');
    if (who.role === 'coordinator' && q.regionCode && !who.regionCodes.includes(q.regionCode))
      throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
    const referrals = await this.repo.list(this.dataSource.manager, {
      regionCodes: q.regionCode ? [q.regionCode] : who.role === 'coordinator' ? who.regionCodes : undefined,
      createdBy: who.role === 'partner' ? who.userId : undefined,
      offeredTo: who.role === 'provider' ? (who.providerAgb ?? '') : undefined,
      status: q.status,
      fromMs,
      toMs,
      limit: LIST_LIMIT,
    });
    return this.views(referrals, this.audienceOf(who));
  }

  // ---- figures --------------------------------------------------------------------------------

  async stats(who: Principal, q: ReferralStatsQuery): Promise<ReferralStatsResponse> {
    if (who.role === 'coordinator' && !who.regionCodes.includes(q.regionCode)) throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
    const region = await this.reference.regionByCode(q.regionCode);
    if (who.role === 'insurer' && region?.preferredInsurerUzovi !== who.insurerUzovi) {
      throw new ForbiddenError(`only the region's preferred insurer reads its referral figures`);
    }
    if (!region) throw new NotFoundError(`region ${q.regionCode} not found`);
    const { first, last } = monthBounds(q.month);
    const startMs = placeLocal(first, '00:00', region.timezone);
    const endMs = placeLocal(addDays(last, 1), '00:00', region.timezone);
    const now = this.clock.now();
    const referrals = await this.repo.createdIn(q.regionCode, startMs, endMs);
    const offers = await this.repo.offersOf(
      this.dataSource.manager,
      referrals.map((r) => r.id),
    );
    const byReferral = offersByReferral(offers);
    const figures = referralFigures(
      referrals.map((r) => ({ ...r, offers: byReferral.get(r.id) ?? [] })),
      placementNorms(region),
      now,
    );
    const windowEnd = Math.min(endMs, now);
    const snapshots = windowEnd > startMs ? await this.intake.snapshotsFor(startMs, windowEnd) : [];
    return { ...figures, capacityGreenPct: capacityGreenPct(snapshots, q.regionCode, region.capacityStaleHours, startMs, windowEnd) };
  }
}

/** Each referral's offers, in the order given. */
function offersByReferral(offers: ReferralOfferEntity[]): Map<string, ReferralOfferEntity[]> {
  const byReferral = new Map<string, ReferralOfferEntity[]>();
  for (const o of offers) {
    const list = byReferral.get(o.referralId);
    if (list) list.push(o);
    else byReferral.set(o.referralId, [o]);
  }
  return byReferral;
}
