import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { Violation } from '../common/codes.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { monthBounds, parseInstant, placeLocal, addDays } from '../common/local-time.js';
import { Locks } from '../database/locks.js';
import { coordinates, type Principal, SYSTEM_PRINCIPAL } from '../common/principal.js';
import { phoneE164 } from '../common/phone.js';
import { hashToken, newToken } from '../identity/tokens.js';
import { SessionsService } from '../identity/sessions.service.js';
import { UsersService } from '../identity/users.service.js';
import { NursesService } from '../nurses/nurses.service.js';
import { PushSubscriptions } from '../delivery/push-subscriptions.js';
import type { PageDelivery } from '../delivery/outbox.service.js';
import { PageLinkEntity } from './page-link.entity.js';
import { Transactions } from '../database/transactions.js';
import { AuditService } from '../audit/audit.service.js';
import { DEFAULT_ACK_MINUTES } from '../contracts/contract-view.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { OutboxService } from '../delivery/outbox.service.js';
import { OnCallService } from '../on-call/on-call.service.js';
import { RegionZones } from '../reference/region-zones.service.js';
import {
  AcknowledgeRequestDto,
  CreateRequestDto,
  ListRequestsQuery,
  MyPagesQuery,
  PageNurseDto,
  RequestStatsQuery,
  ResolveRequestDto,
} from './dto/create-request.dto.js';
import { type Decision, type Duty, nextStep, type Recipient, STEP_NAMES } from './escalation-policy.js';
import { PagesStream, type RequestChange } from './pages-stream.js';
import { type AcknowledgedVia, RequestEntity, RequestPageEntity } from './request.entities.js';
import { pageView, pushBody, requestView, webhookBody } from './request-view.js';
import { type PagingTerms, RequestsRepository } from './requests.repository.js';
import { responseFigures } from './response-figures.js';
import { smsDueAt, smsGoes, smsText, smsTimerDue } from './sms-timer.js';
import type { MyPageResponse, PagedReferralResponse, RequestResponse, RequestStatsResponse } from './request.response.js';
import { ReferralPages } from './referral-pages.js';

/** At most this many requests in one list answer (newest first). */
const LIST_LIMIT = 1000;
/** Due requests read at once; a ticker run reads batch after batch until none is due, at most this many batches. */
const TICK_BATCH = 100;
const MAX_BATCHES_PER_TICK = 50;
/** An SMS that the gateway has not taken within this long is no longer of use. */
const SMS_WINDOW_MS = 3_600_000;

type OnCall = Awaited<ReturnType<OnCallService['findOnCall']>>;

interface Webhook {
  url: string;
  secret: string;
}

type PageDecision = Extract<Decision, { kind: 'page' }>;

/**
 * Acute requests: create, route and escalate, answer. Decisions come from the pure escalation
 * policy; this service loads who is on duty, asks the policy, and writes its answer with the
 * pages, their audit events and their webhook deliveries in one transaction, under the request's
 * lock, so that each step is paged once however many instances tick.
 */
@Injectable()
export class RequestsService {
  private readonly logger = new Logger('Requests');
  private ticking: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly onCall: OnCallService,
    private readonly zones: RegionZones,
    private readonly repo: RequestsRepository,
    private readonly outbox: OutboxService,
    private readonly stream: PagesStream,
    private readonly contracts: ContractsService,
    private readonly push: PushSubscriptions,
    private readonly sessions: SessionsService,
    private readonly nurses: NursesService,
    private readonly users: UsersService,
    private readonly referralPages: ReferralPages,
  ) {}
  private smsTicking: Promise<number> | null = null;

  private get requests(): Repository<RequestEntity> {
    return this.dataSource.getRepository(RequestEntity);
  }

  // ---- routing -------------------------------------------------------------------------------

  /**
   * Who could be paged now for the contract, per step (the policy removes who was paged before).
   * With `onDutyOnly` the later steps are left empty and not read: enough to learn whether step 1
   * has anyone, since the policy looks only at the step it pages.
   */
  private async dutyAt(terms: PagingTerms, now: number, found?: OnCall, onDutyOnly = false): Promise<Duty> {
    const zone = await this.zones.zoneOf(terms.regionCode);
    const [onCall, party, coordinators] = await Promise.all([
      found !== undefined ? Promise.resolve(found) : this.onCall.findOnCall(terms.regionCode, terms.function, now, zone),
      onDutyOnly ? [] : this.repo.nursesOnDutyInRegion(terms.regionCode, terms.employerAgbs, now),
      onDutyOnly ? [] : this.repo.coordinatorsOf(terms.regionCode),
    ]);
    const onDuty = onCall && onCall.contract.id === terms.contractId ? onCall.slots.flatMap((s) => s.nurses) : [];
    const users = await this.repo.userIdsOfNurses([...new Set([...onDuty, ...party].map((n) => n.id))]);
    const asRecipient = (n: { id: string; name: string }): Recipient => ({
      key: `nurse:${n.id}`,
      nurseId: n.id,
      userId: users.get(n.id) ?? null,
      name: n.name,
    });
    return { onDuty: onDuty.map(asRecipient), party: party.map(asRecipient), coordinators };
  }

  private webhookOf(terms: PagingTerms): Webhook | null {
    return terms.webhookUrl && terms.webhookSecret ? { url: terms.webhookUrl, secret: terms.webhookSecret } : null;
  }

  /**
   * Writes pages, audits them and queues everything that carries them (inside the caller's
   * transaction): the provider's webhook, a push to each live subscription of each paged nurse,
   * and the SMS timer of each nurse's page.
   */
  private async writePages(
    m: EntityManager,
    who: Principal,
    request: RequestEntity,
    step: number,
    recipients: Recipient[],
    terms: PagingTerms,
    zone: string,
    now: number,
    pagedBy: string | null = null,
  ) {
    const pages = recipients.map((r) =>
      Object.assign(new RequestPageEntity(), {
        id: newId(),
        requestId: request.id,
        step,
        recipient: r.key,
        nurseId: r.nurseId,
        userId: r.userId,
        name: r.name,
        pagedAt: now,
        // Only a nurse has a phone to text; the timer is a row, so a restart neither loses nor repeats it.
        smsDueAt: smsDueAt(now, r.nurseId !== null, terms.smsAfterSeconds, this.config.sms !== null),
        streamedAt: null,
        pagedBy,
      }),
    );
    if (pages.length) await m.insert(RequestPageEntity, pages);
    // Other instances' open streams learn of the pages at commit.
    await this.stream.announce(m, pages);
    await this.audit.appendMany(
      m,
      who,
      'page',
      'request-page',
      pages.map((p) => ({
        entityId: p.id,
        summary: `request ${request.id} step ${p.step}: ${p.nurseId ? `nurse ${p.nurseId}` : `user ${p.userId}`}${pagedBy ? ' (by hand)' : ''}`,
      })),
    );
    const hook = this.webhookOf(terms);
    if (hook) {
      await this.outbox.enqueue(
        m,
        pages.map((p) => ({
          kind: 'page' as const,
          url: hook.url,
          secret: hook.secret,
          body: webhookBody(request, p, zone),
          idempotencyKey: p.id,
          pageId: p.id,
        })),
      );
    }
    await this.queuePushes(m, request, pages);
    return pages;
  }

  /** A push per live subscription of each paged nurse, through the outbox, alive for ackMinutes (the push's TTL). */
  private async queuePushes(m: EntityManager, request: RequestEntity, pages: RequestPageEntity[]): Promise<void> {
    if (!this.config.vapid) return;
    const nurseIds = [...new Set(pages.map((p) => p.nurseId).filter((id): id is string => id !== null))];
    if (!nurseIds.length) return;
    const subscriptions = await this.push.of(m, { nurseIds, userIds: [] });
    if (!subscriptions.length) return;
    // A subscription whose session has ended or expired (or whose user is revoked) gets nothing.
    const ended = await this.sessions.endedAccess(
      subscriptions.map((s) => ({ userId: s.userId, sessionId: s.sessionId })),
      m,
    );
    const live = subscriptions.filter((_, i) => ended[i] === null);
    await this.outbox.enqueue(
      m,
      pages.flatMap((page) =>
        live
          .filter((s) => s.nurseId === page.nurseId)
          .map((s) => ({
            kind: 'push' as const,
            url: s.endpoint,
            secret: null,
            body: pushBody(request, page),
            idempotencyKey: `${page.id}:${s.id}`,
            pageId: page.id,
            targetId: s.id,
            giveUpAfterMs: request.ackMinutes * 60_000,
          })),
      ),
    );
  }

  /** Writes one escalation step's pages and its audit event (inside the caller's transaction). */
  private async writeStep(m: EntityManager, who: Principal, request: RequestEntity, decision: PageDecision, terms: PagingTerms, zone: string) {
    const pages = await this.writePages(m, who, request, decision.step, decision.recipients, terms, zone, request.stepStartedAt);
    await this.audit.append(
      m,
      who,
      decision.step === 3 ? 'escalate' : 'page-step',
      'request',
      request.id,
      `step ${decision.step} (${STEP_NAMES[decision.step]}): ${pages.length} paged${pages.length === 0 ? ' (nobody to page)' : ''}`,
    );
    return pages;
  }

  private applyDecision(request: RequestEntity, decision: PageDecision, now: number): void {
    request.step = decision.step;
    request.status = decision.status;
    request.stepStartedAt = now;
    request.nextStepAt = decision.nextStepAt;
    if (decision.step === 3) request.escalatedAt = now;
  }

  // ---- create ----------------------------------------------------------------------------------

  async create(who: Principal, dto: CreateRequestDto): Promise<RequestResponse> {
    if ((who.role === 'partner' || who.role === 'coordinator') && !who.regionCodes.includes(dto.regionCode)) {
      throw new ForbiddenError(`you may not raise requests in region ${dto.regionCode}`);
    }
    // The zone is cached per region; an unknown region has none.
    const zone = await this.zones.zoneOf(dto.regionCode).catch((e: unknown) => {
      throw e instanceof NotFoundError ? new RuleViolationError([unknownReference('region', dto.regionCode)]) : e;
    });
    const now = this.clock.now();
    const found = await this.onCall.findOnCall(dto.regionCode, dto.function, now, zone);
    const terms = found ? await this.repo.pagingTerms(found.contract.id) : null;
    if (!found || !terms) {
      throw new RuleViolationError([{ rule: 'no-contract', message: `no contract for ${dto.function} in ${dto.regionCode} is active now` }]);
    }
    const ackMinutes = terms.ackMinutes ?? DEFAULT_ACK_MINUTES;
    // A new request always gets a step paged (step 3 at the latest, even with nobody to page).
    // Usually step 1 has someone on duty: the later steps' recipients are read only when it has not.
    const fresh = { status: 'paging', step: null, stepStartedAt: now, ackMinutes } as const;
    let decision = nextStep(fresh, [], await this.dutyAt(terms, now, found, true), now) as PageDecision;
    if (decision.step !== 1) decision = nextStep(fresh, [], await this.dutyAt(terms, now, found), now) as PageDecision;
    const request = Object.assign(new RequestEntity(), {
      id: newId(),
      regionCode: dto.regionCode,
      function: dto.function,
      contractId: terms.contractId,
      urgency: dto.urgency,
      postcode: dto.postcode,
      partnerReference: dto.partnerReference,
      callbackPhone: dto.callbackPhone ?? null,
      ackMinutes,
      createdBy: who.userId,
      createdAt: now,
      escalatedAt: null,
      acknowledgedAt: null,
      acknowledgedPageId: null,
      resolvedAt: null,
      outcome: null,
      cancelledAt: null,
      acknowledgedVia: null,
      acknowledgedByUserId: null,
      acknowledgedByName: null,
    }) as RequestEntity;
    this.applyDecision(request, decision, now);
    const pages = await this.tx.run(
      async (m) => {
        await m.insert(RequestEntity, request);
        await this.audit.append(
          m,
          who,
          'create',
          'request',
          request.id,
          `${dto.urgency} ${dto.function} in ${dto.regionCode}, reference ${dto.partnerReference}`,
        );
        const written = await this.writeStep(m, who, request, decision, terms, zone);
        await this.stream.announceChange(m, this.changeOf(request, written));
        return written;
      },
      [Locks.request(request.id)],
    );
    this.stream.publish(pages);
    this.stream.publishChange(this.changeOf(request, pages));
    return requestView(request, pages, zone, await this.deliveriesOf(pages));
  }

  // ---- escalation ------------------------------------------------------------------------------

  /**
   * One escalation run (the runner in jobs/ calls it every two seconds where jobs run): every
   * request whose next step is due at the clock's now gets it paged. Returns the steps paged.
   */
  tick(): Promise<number> {
    this.ticking ??= this.tickOnce().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async tickOnce(): Promise<number> {
    const now = this.clock.now();
    let paged = 0;
    // Batch after batch until nothing is due, so a burst of due steps is not spread over many runs.
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const due = await this.repo.dueIds(now, TICK_BATCH);
      let changed = 0;
      for (const id of due) {
        try {
          if (await this.escalate(id, now)) paged++;
          changed++;
        } catch (e) {
          this.logger.error(`escalating request ${id} failed: ${e instanceof Error ? e.message : e}`);
        }
      }
      if (due.length < TICK_BATCH || changed === 0) break;
    }
    return paged;
  }

  /**
   * Pages the next step of one request if it is still due. Who is on duty is read first; then,
   * under the request's lock, the request is read again: if another instance (or an
   * acknowledgement) got there first, nothing happens.
   */
  private async escalate(id: string, now: number): Promise<boolean> {
    const request = await this.requests.findOneBy({ id });
    if (!request || request.status !== 'paging' || request.nextStepAt === null || request.nextStepAt > now) return false;
    const terms = await this.repo.pagingTerms(request.contractId);
    if (!terms) return false;
    const zone = await this.zones.zoneOf(request.regionCode);
    const duty = await this.dutyAt(terms, now);
    let changed: RequestChange | null = null;
    const pages = await this.tx.run(
      async (m) => {
        const fresh = await m.findOneBy(RequestEntity, { id });
        if (!fresh || fresh.status !== 'paging' || fresh.nextStepAt === null || fresh.nextStepAt > now) return null;
        const before = await m.findBy(RequestPageEntity, { requestId: id });
        const decision = nextStep(fresh, before, duty, now);
        if (decision.kind !== 'page') {
          await m.update(RequestEntity, { id }, { nextStepAt: decision.kind === 'wait' ? decision.until : null });
          return null;
        }
        this.applyDecision(fresh, decision, now);
        await m.update(
          RequestEntity,
          { id },
          { step: fresh.step, status: fresh.status, stepStartedAt: now, nextStepAt: fresh.nextStepAt, escalatedAt: fresh.escalatedAt },
        );
        const written = await this.writeStep(m, SYSTEM_PRINCIPAL, fresh, decision, terms, zone);
        changed = this.changeOf(fresh, [...before, ...written]);
        await this.stream.announceChange(m, changed);
        return written;
      },
      [Locks.request(id)],
    );
    if (pages) this.stream.publish(pages);
    if (changed) this.stream.publishChange(changed);
    return pages !== null;
  }

  // ---- answering -------------------------------------------------------------------------------

  private mayRead(who: Principal, r: RequestEntity, pages: RequestPageEntity[]): boolean {
    if (who.role === 'admin') return true;
    if (who.role === 'coordinator') return who.regionCodes.includes(r.regionCode) || pages.some((p) => p.userId === who.userId);
    if (who.role === 'partner') return r.createdBy === who.userId;
    if (who.role === 'nurse') return pages.some((p) => p.nurseId !== null && p.nurseId === who.nurseId);
    return false;
  }

  private pageOf(who: Principal, pages: RequestPageEntity[]): RequestPageEntity | undefined {
    if (who.role === 'nurse') return pages.find((p) => p.nurseId !== null && p.nurseId === who.nurseId);
    return pages.find((p) => p.userId === who.userId && p.nurseId === null);
  }

  /** Loads the request under its lock for a change; 404 when it does not exist or is out of the caller's scope. */
  private async loadForChange(m: EntityManager, who: Principal, id: string) {
    const request = await m.findOneBy(RequestEntity, { id });
    const pages = request ? await m.find(RequestPageEntity, { where: { requestId: id }, order: { pagedAt: 'ASC', step: 'ASC', name: 'ASC' } }) : [];
    if (!request || !this.mayRead(who, request, pages)) throw new NotFoundError(`request ${id} not found`);
    return { request, pages };
  }

  private closed(request: RequestEntity): Violation {
    return { rule: 'request-closed', message: `request ${request.id} is ${request.status}` };
  }

  /** What open streams hear of a change to a request: those of its region's coordinators, and of everyone paged for it. */
  private changeOf(r: RequestEntity, pages: RequestPageEntity[]): RequestChange {
    return { requestId: r.id, regionCode: r.regionCode, status: r.status, recipients: pages.map((p) => p.recipient) };
  }

  private async change(who: Principal, id: string, work: (m: EntityManager, r: RequestEntity, pages: RequestPageEntity[]) => Promise<void>) {
    const { request, pages } = await this.tx.run(
      async (m) => {
        const loaded = await this.loadForChange(m, who, id);
        await work(m, loaded.request, loaded.pages);
        await this.stream.announceChange(m, this.changeOf(loaded.request, loaded.pages));
        return loaded;
      },
      [Locks.request(id)],
    );
    this.stream.publishChange(this.changeOf(request, pages));
    return requestView(request, pages, await this.zones.zoneOf(request.regionCode), await this.deliveriesOf(pages));
  }

  /**
   * Marks the request acknowledged (inside the caller's transaction and lock): by a page (a paged
   * nurse or coordinator, or the nurse of an SMS link), or by a coordinator of the region who
   * arranges it without a page of its own.
   */
  private async markAcknowledged(
    m: EntityManager,
    who: Principal,
    request: RequestEntity,
    by: { page: RequestPageEntity } | { userId: string; name: string },
    via: AcknowledgedVia,
    pages: RequestPageEntity[],
  ): Promise<void> {
    if (request.acknowledgedAt !== null) {
      throw new ConflictError(`request ${request.id} was already acknowledged`, [
        { rule: 'already-acknowledged', message: `request ${request.id} was already acknowledged` },
      ]);
    }
    if (request.status === 'resolved' || request.status === 'cancelled')
      throw new ConflictError(`request ${request.id} is ${request.status}`, [this.closed(request)]);
    const now = this.clock.now();
    const changes = {
      status: 'acknowledged' as const,
      acknowledgedAt: now,
      acknowledgedPageId: 'page' in by ? by.page.id : null,
      acknowledgedByUserId: 'page' in by ? null : by.userId,
      acknowledgedByName: 'page' in by ? null : by.name,
      acknowledgedVia: via,
      nextStepAt: null,
    };
    Object.assign(request, changes);
    await m.update(RequestEntity, { id: request.id }, changes);
    // No SMS for a request someone has taken.
    await this.stopSms(m, request.id, pages);
    const whom = 'page' in by ? (by.page.nurseId ? `nurse ${by.page.nurseId}` : `user ${by.page.userId}`) : `coordinator ${by.userId} (not paged)`;
    await this.audit.append(m, who, 'acknowledge', 'request', request.id, `acknowledged at step ${request.step} by ${whom} via ${via}`);
  }

  acknowledge(who: Principal, id: string, dto: AcknowledgeRequestDto = {}) {
    return this.change(who, id, async (m, request, pages) => {
      const mine = this.pageOf(who, pages);
      const via = dto.via ?? 'app';
      if (mine) return this.markAcknowledged(m, who, request, { page: mine }, via, pages);
      // api.md: a coordinator of the region may acknowledge without being paged, and then arranges the response.
      if (!coordinates(who, request.regionCode))
        throw new ForbiddenError('only someone paged for this request, or a coordinator of the region, may acknowledge it');
      await this.markAcknowledged(m, who, request, { userId: who.userId, name: await this.users.nameOf(m, who) }, via, pages);
    });
  }

  /**
   * A coordinator pages a chosen nurse of the region by hand, as a page of the current step and
   * through every channel (stream, push, SMS timer, webhook). The nurse must be employed by a
   * responsible party of a contract in the request's region (else 422 unknown-reference); someone
   * paged for the request already → 409 already-paged.
   */
  async pageByHand(who: Principal, id: string, dto: PageNurseDto): Promise<RequestResponse> {
    const found = await this.requests.findOneBy({ id });
    if (!found) throw new NotFoundError(`request ${id} not found`);
    if (!coordinates(who, found.regionCode)) {
      const pages = await this.repo.pagesOf(this.dataSource.manager, [id]);
      if (!this.mayRead(who, found, pages)) throw new NotFoundError(`request ${id} not found`);
      throw new ForbiddenError('only a coordinator of the region may page a nurse by hand');
    }
    const ofRegion: Principal = { userId: who.userId, role: 'coordinator', regionCodes: [found.regionCode], insurerUzovi: null, nurseId: null };
    const nurse = await this.nurses.byId(dto.nurseId);
    if (!nurse || !(await this.nurses.inScope(ofRegion, nurse))) throw new RuleViolationError([unknownReference('nurse', dto.nurseId)]);
    const terms = await this.repo.pagingTerms(found.contractId);
    if (!terms) throw new NotFoundError(`request ${id} not found`);
    const zone = await this.zones.zoneOf(found.regionCode);
    const user = await this.users.activeUserOfNurse(nurse.id);
    const recipient: Recipient = { key: `nurse:${nurse.id}`, nurseId: nurse.id, userId: user?.id ?? null, name: nurse.name };
    let written: RequestPageEntity[] = [];
    const view = await this.change(who, id, async (m, request, pages) => {
      if (request.status === 'resolved' || request.status === 'cancelled')
        throw new ConflictError(`request ${id} is ${request.status}`, [this.closed(request)]);
      if (request.acknowledgedAt !== null) {
        throw new ConflictError(`request ${id} was already acknowledged`, [
          { rule: 'already-acknowledged', message: `request ${id} was already acknowledged` },
        ]);
      }
      if (pages.some((p) => p.recipient === recipient.key)) throw new ConflictError(`${nurse.name} was paged for request ${id} already`, 'already-paged');
      written = await this.writePages(m, who, request, request.step, [recipient], terms, zone, this.clock.now(), who.userId);
      pages.push(...written);
    });
    this.stream.publish(written);
    return view;
  }

  resolve(who: Principal, id: string, dto: ResolveRequestDto) {
    return this.change(who, id, async (m, request, pages) => {
      const coordinates = who.role === 'admin' || (who.role === 'coordinator' && who.regionCodes.includes(request.regionCode));
      const acknowledging =
        (request.acknowledgedPageId !== null && this.pageOf(who, pages)?.id === request.acknowledgedPageId) ||
        (request.acknowledgedByUserId !== null && request.acknowledgedByUserId === who.userId);
      if (!coordinates && !acknowledging) throw new ForbiddenError('only the acknowledging nurse or a coordinator of the region may resolve a request');
      if (request.status === 'resolved' || request.status === 'cancelled')
        throw new ConflictError(`request ${id} is ${request.status}`, [this.closed(request)]);
      const now = this.clock.now();
      Object.assign(request, { status: 'resolved', resolvedAt: now, outcome: dto.outcome, nextStepAt: null });
      await m.update(RequestEntity, { id }, { status: 'resolved', resolvedAt: now, outcome: dto.outcome, nextStepAt: null });
      await this.stopSms(m, id, pages);
      await this.audit.append(m, who, 'resolve', 'request', id, `resolved: ${dto.outcome}`);
    });
  }

  cancel(who: Principal, id: string) {
    return this.change(who, id, async (m, request, pages) => {
      const allowed =
        who.role === 'admin' ||
        (who.role === 'partner' && request.createdBy === who.userId) ||
        (who.role === 'coordinator' && who.regionCodes.includes(request.regionCode));
      if (!allowed) throw new ForbiddenError('only the partner who made it or a coordinator of the region may cancel a request');
      if (request.status === 'resolved' || request.status === 'cancelled')
        throw new ConflictError(`request ${id} is ${request.status}`, [this.closed(request)]);
      const now = this.clock.now();
      Object.assign(request, { status: 'cancelled', cancelledAt: now, nextStepAt: null });
      await m.update(RequestEntity, { id }, { status: 'cancelled', cancelledAt: now, nextStepAt: null });
      await this.stopSms(m, id, pages);
      await this.audit.append(m, who, 'cancel', 'request', id, 'cancelled; paging stopped');
    });
  }

  // ---- SMS ------------------------------------------------------------------------------------

  /** The request was taken or closed: no SMS of its pages goes any more. */
  private async stopSms(m: EntityManager, requestId: string, pages: RequestPageEntity[]): Promise<void> {
    await m.update(RequestPageEntity, { requestId }, { smsDueAt: null });
    for (const p of pages) p.smsDueAt = null;
  }

  /**
   * One run of the SMS timer at the clock's now (the job runner's `sms-timers`, every 2 s where
   * jobs run). Returns the texts queued. Each page whose SMS is due is decided under its request's
   * lock after reading it again: one text, or none (the request was acknowledged or closed
   * meanwhile, the nurse has no phone, SMS is off), never two.
   */
  smsTick(): Promise<number> {
    this.smsTicking ??= this.smsTickOnce().finally(() => (this.smsTicking = null));
    return this.smsTicking;
  }

  private async smsTickOnce(): Promise<number> {
    const now = this.clock.now();
    let queued = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const due = await this.repo.dueSms(now, TICK_BATCH);
      for (const page of due) {
        try {
          if (await this.sendSmsOf(page.id, page.requestId, now)) queued++;
        } catch (e) {
          this.logger.error(`the SMS of page ${page.id} failed: ${e instanceof Error ? e.message : e}`);
        }
      }
      if (due.length < TICK_BATCH) break;
    }
    return queued;
  }

  private async sendSmsOf(pageId: string, requestId: string, now: number): Promise<boolean> {
    return this.tx.run(
      async (m) => {
        const page = await m.findOneBy(RequestPageEntity, { id: pageId });
        if (!page || !smsTimerDue(page.smsDueAt, now)) return false;
        await m.update(RequestPageEntity, { id: pageId }, { smsDueAt: null });
        const request = await m.findOneBy(RequestEntity, { id: requestId });
        const nurse = page.nurseId ? await this.nurses.byId(page.nurseId, m) : null;
        const phone = nurse?.phone ? phoneE164(nurse.phone) : null;
        const goes = smsGoes({ dueAt: page.smsDueAt, now, requestOpen: !!request && this.linkOpen(request), phone, smsConfigured: this.config.sms !== null });
        if (!request || !phone || !goes) return false;
        const code = newToken();
        await m.insert(PageLinkEntity, Object.assign(new PageLinkEntity(), { id: newId(), pageId, secretHash: hashToken(code), createdAt: now, usedAt: null }));
        const link = new URL(`/p/${code}`, this.config.publicUrl).href;
        await this.outbox.enqueue(m, [
          {
            kind: 'sms',
            url: `tel:${phone}`,
            secret: null,
            body: { text: smsText(request.function, request.postcode, link) },
            idempotencyKey: `${pageId}:sms`,
            pageId,
            giveUpAfterMs: SMS_WINDOW_MS,
          },
        ]);
        await this.audit.append(m, SYSTEM_PRINCIPAL, 'sms', 'request-page', pageId, `request ${requestId}: SMS to nurse ${page.nurseId} (unacknowledged)`);
        return true;
      },
      [Locks.request(requestId)],
    );
  }

  /** A link works while its request is open and nobody has acknowledged it. */
  private linkOpen(r: RequestEntity): boolean {
    return (r.status === 'paging' || r.status === 'escalated') && r.acknowledgedAt === null;
  }

  /** The page behind an SMS link and whether the link still works (GET of the link: changes nothing); null for an unknown link. */
  async pageLink(code: string): Promise<{ request: RequestEntity; page: RequestPageEntity; usable: boolean } | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(code)) return null;
    const link = await this.dataSource.getRepository(PageLinkEntity).findOneBy({ secretHash: hashToken(code) });
    if (!link) return null;
    const page = await this.dataSource.getRepository(RequestPageEntity).findOneBy({ id: link.pageId });
    const request = page?.requestId ? await this.requests.findOneBy({ id: page.requestId }) : null;
    if (!page || !request) return null;
    return { request, page, usable: link.usedAt === null && this.linkOpen(request) };
  }

  /**
   * "Ik ga" from the SMS link: acknowledges for the link's nurse, once. Returns the request; 'gone'
   * for a link used before or a request acknowledged or closed meanwhile; null for an unknown link.
   */
  async acknowledgeByLink(code: string): Promise<RequestEntity | 'gone' | null> {
    const found = await this.pageLink(code);
    if (!found) return null;
    const result = await this.tx.run(
      async (m) => {
        const link = await m.findOneBy(PageLinkEntity, { secretHash: hashToken(code) });
        const page = link ? await m.findOneBy(RequestPageEntity, { id: link.pageId }) : null;
        const request = page?.requestId ? await m.findOneBy(RequestEntity, { id: page.requestId }) : null;
        if (!link || !page || !request) return null;
        if (link.usedAt !== null || !this.linkOpen(request)) return 'gone' as const;
        await m.update(PageLinkEntity, { id: link.id }, { usedAt: this.clock.now() });
        const nurseAsCaller: Principal = {
          userId: page.userId ?? `nurse:${page.nurseId}`,
          role: 'nurse',
          regionCodes: [],
          insurerUzovi: null,
          nurseId: page.nurseId,
        };
        const pages = await m.findBy(RequestPageEntity, { requestId: request.id });
        await this.markAcknowledged(m, nurseAsCaller, request, { page }, 'sms', pages);
        const change = this.changeOf(request, pages);
        await this.stream.announceChange(m, change);
        return { request, change };
      },
      [Locks.request(found.request.id)],
    );
    if (result === null || result === 'gone') return result;
    this.stream.publishChange(result.change);
    return result.request;
  }

  /** An open event stream carried the page: recorded once, as its `stream` delivery. */
  async markStreamed(pageId: string): Promise<void> {
    const now = this.clock.now();
    await this.tx
      .run((m) => m.createQueryBuilder().update(RequestPageEntity).set({ streamedAt: now }).where('id = :id AND streamed_at IS NULL', { id: pageId }).execute())
      .catch((e: unknown) => this.logger.warn(`recording a streamed page failed: ${e instanceof Error ? e.message : String(e)}`));
  }

  /** The outbox's deliveries of these pages. */
  private deliveriesOf(pages: RequestPageEntity[]): Promise<PageDelivery[]> {
    return this.outbox.ofPages(
      this.dataSource.manager,
      pages.map((p) => p.id),
    );
  }

  // ---- reading ---------------------------------------------------------------------------------

  async get(who: Principal, id: string): Promise<RequestResponse> {
    const request = await this.requests.findOneBy({ id });
    const pages = request ? await this.repo.pagesOf(this.dataSource.manager, [id]) : [];
    if (!request || !this.mayRead(who, request, pages)) throw new NotFoundError(`request ${id} not found`);
    return requestView(request, pages, await this.zones.zoneOf(request.regionCode), await this.deliveriesOf(pages));
  }

  async list(who: Principal, q: ListRequestsQuery): Promise<RequestResponse[]> {
    const fromMs = q.from === undefined ? undefined : (parseInstant(q.from) as number);
    const toMs = q.to === undefined ? undefined : (parseInstant(q.to) as number);
    if (fromMs !== undefined && toMs !== undefined && toMs < fromMs) throw new BadInputError('to must not be before from');
    const qb = this.requests.createQueryBuilder('r');
    if (who.role === 'coordinator') {
      if (q.regionCode && !who.regionCodes.includes(q.regionCode)) throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
      qb.andWhere('r.region_code IN (:...regions)', { regions: q.regionCode ? [q.regionCode] : who.regionCodes.length ? who.regionCodes : [''] });
    } else {
      if (who.role === 'partner') qb.andWhere('r.created_by = :me', { me: who.userId });
      if (q.regionCode) qb.andWhere('r.region_code = :region', { region: q.regionCode });
    }
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (fromMs !== undefined) qb.andWhere('r.created_at >= :fromMs', { fromMs });
    if (toMs !== undefined) qb.andWhere('r.created_at < :toMs', { toMs });
    const requests = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'ASC').limit(LIST_LIMIT).getMany();
    const pages = await this.repo.pagesOf(
      this.dataSource.manager,
      requests.map((r) => r.id),
    );
    const byRequest = new Map<string, RequestPageEntity[]>();
    for (const p of pages) if (p.requestId !== null) byRequest.set(p.requestId, [...(byRequest.get(p.requestId) ?? []), p]);
    const outbox = await this.deliveriesOf(pages);
    const result: RequestResponse[] = [];
    for (const r of requests) result.push(requestView(r, byRequest.get(r.id) ?? [], await this.zones.zoneOf(r.regionCode), outbox));
    return result;
  }

  /**
   * The caller's pages (a nurse's, or a coordinator's at step 3), newest first, each with its
   * request, or with its referral for a referral nobody could take. `status` is the state of the
   * request, or of the referral where the word is the same (`escalated`, `cancelled`).
   */
  async myPages(who: Principal, q: MyPagesQuery): Promise<MyPageResponse[]> {
    const rows = await this.repo.pagesFor(
      this.dataSource.manager,
      { nurseId: who.role === 'nurse' ? who.nurseId : null, userId: who.userId },
      q.status,
      LIST_LIMIT,
    );
    const requestIds = [...new Set(rows.flatMap((r) => (r.request ? [r.request.id] : [])))];
    const pages = await this.repo.pagesOf(this.dataSource.manager, requestIds);
    const outbox = await this.deliveriesOf(rows.map((r) => r.page));
    const referrals = await this.referralPages.referrals(rows.flatMap((r) => (r.page.referralId ? [r.page.referralId] : [])));
    const result: MyPageResponse[] = [];
    for (const { page, request } of rows) {
      if (request) {
        result.push(await this.pageWithRequest(page, request, pages, outbox));
        continue;
      }
      const referral = referrals.get(page.referralId as string);
      if (referral && (!q.status || referral.status === q.status)) result.push(await this.pageWithReferral(page, referral, outbox));
    }
    return result;
  }

  /** One page as the nurse app shows it: the page and its request (with the callback phone, to call back), or its referral. */
  async pageWithRequest(page: RequestPageEntity, request?: RequestEntity, pages?: RequestPageEntity[], outbox?: PageDelivery[]): Promise<MyPageResponse> {
    if (page.requestId === null) {
      const referral = (await this.referralPages.referrals([page.referralId as string])).get(page.referralId as string);
      if (!referral) throw new NotFoundError(`referral ${page.referralId} not found`);
      return this.pageWithReferral(page, referral, outbox);
    }
    const r = request ?? (await this.requests.findOneByOrFail({ id: page.requestId }));
    const all = pages ?? (await this.repo.pagesOf(this.dataSource.manager, [r.id]));
    const zone = await this.zones.zoneOf(r.regionCode);
    const { pages: _pages, ...view } = requestView(
      r,
      all.filter((p) => p.requestId === r.id),
      zone,
    );
    void _pages;
    return { ...pageView(page, zone, outbox ?? (await this.deliveriesOf([page]))), request: view, referral: null };
  }

  private async pageWithReferral(page: RequestPageEntity, referral: PagedReferralResponse, outbox?: PageDelivery[]): Promise<MyPageResponse> {
    return { ...pageView(page, await this.zones.zoneOf(referral.regionCode), outbox ?? (await this.deliveriesOf([page]))), request: null, referral };
  }

  // ---- response figures ------------------------------------------------------------------------

  async stats(who: Principal, q: RequestStatsQuery): Promise<RequestStatsResponse[]> {
    if (who.role === 'coordinator' && !who.regionCodes.includes(q.regionCode)) throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
    const zone = await this.zones.zoneOf(q.regionCode);
    const { first, last } = monthBounds(q.month);
    const startMs = placeLocal(first, '00:00', zone);
    const endMs = placeLocal(addDays(last, 1), '00:00', zone);
    const contracts = await this.contracts.withDayIn(q.month, {
      regionCode: q.regionCode,
      function: q.function,
      insurerUzovi: who.role === 'insurer' ? (who.insurerUzovi ?? '') : undefined,
    });
    if (!contracts.length) return [];
    const requests = await this.requests
      .createQueryBuilder('r')
      .where('r.contract_id IN (:...ids)', { ids: contracts.map((c) => c.id) })
      .andWhere('r.created_at >= :startMs AND r.created_at < :endMs', { startMs, endMs })
      .getMany();
    return contracts.map((c): RequestStatsResponse => ({
      contractId: c.id,
      function: c.function,
      ...responseFigures(requests.filter((r) => r.contractId === c.id)),
    }));
  }
}
