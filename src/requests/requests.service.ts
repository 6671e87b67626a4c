import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { Violation } from '../common/codes.js';
import { Clock } from '../common/clock.js';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { monthBounds, parseInstant, placeLocal, addDays } from '../common/local-time.js';
import { Locks } from '../database/locks.js';
import { type Principal, SYSTEM_PRINCIPAL } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { AuditService } from '../audit/audit.service.js';
import { DEFAULT_ACK_MINUTES } from '../contracts/contract-view.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { OutboxService } from '../delivery/outbox.service.js';
import { OnCallService } from '../on-call/on-call.service.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { CreateRequestDto, ListRequestsQuery, MyPagesQuery, RequestStatsQuery, ResolveRequestDto } from './dto/create-request.dto.js';
import { type Decision, type Duty, nextStep, type Recipient, STEP_NAMES } from './escalation-policy.js';
import { PagesStream } from './pages-stream.js';
import { RequestEntity, RequestPageEntity } from './request.entities.js';
import { pageView, requestView, webhookBody } from './request-view.js';
import { type PagingTerms, RequestsRepository } from './requests.repository.js';
import { responseFigures } from './response-figures.js';
import type { MyPageResponse, RequestResponse, RequestStatsResponse } from './request.response.js';

/** At most this many requests in one list answer (newest first). */
const LIST_LIMIT = 1000;
/** Due requests read at once; a ticker run reads batch after batch until none is due, at most this many batches. */
const TICK_BATCH = 100;
const MAX_BATCHES_PER_TICK = 50;

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
    private readonly audit: AuditService,
    private readonly onCall: OnCallService,
    private readonly zones: RegionZones,
    private readonly repo: RequestsRepository,
    private readonly outbox: OutboxService,
    private readonly stream: PagesStream,
    private readonly contracts: ContractsService,
  ) {}

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

  /** Writes one step's pages, audits them and queues their webhooks (inside the caller's transaction). */
  private async writeStep(m: EntityManager, who: Principal, request: RequestEntity, decision: PageDecision, hook: Webhook | null, zone: string) {
    const now = request.stepStartedAt;
    const pages = decision.recipients.map((r) =>
      Object.assign(new RequestPageEntity(), {
        id: newId(),
        requestId: request.id,
        step: decision.step,
        recipient: r.key,
        nurseId: r.nurseId,
        userId: r.userId,
        name: r.name,
        pagedAt: now,
      }),
    );
    if (pages.length) await m.insert(RequestPageEntity, pages);
    // Other instances' open streams learn of the pages at commit.
    await this.stream.announce(m, pages);
    await this.audit.append(
      m,
      who,
      decision.step === 3 ? 'escalate' : 'page-step',
      'request',
      request.id,
      `step ${decision.step} (${STEP_NAMES[decision.step]}): ${pages.length} paged${pages.length === 0 ? ' (nobody to page)' : ''}`,
    );
    await this.audit.appendMany(
      m,
      who,
      'page',
      'request-page',
      pages.map((p) => ({ entityId: p.id, summary: `request ${request.id} step ${p.step}: ${p.nurseId ? `nurse ${p.nurseId}` : `user ${p.userId}`}` })),
    );
    if (hook) {
      await this.outbox.enqueue(
        m,
        pages.map((p) => ({ kind: 'page' as const, url: hook.url, secret: hook.secret, body: webhookBody(request, p, zone), idempotencyKey: p.id })),
      );
    }
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
    const hook = this.webhookOf(terms);
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
        return this.writeStep(m, who, request, decision, hook, zone);
      },
      [Locks.request(request.id)],
    );
    this.stream.publish(pages);
    return requestView(request, pages, zone);
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
    const hook = this.webhookOf(terms);
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
        return this.writeStep(m, SYSTEM_PRINCIPAL, fresh, decision, hook, zone);
      },
      [Locks.request(id)],
    );
    if (pages) this.stream.publish(pages);
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

  private async change(who: Principal, id: string, work: (m: EntityManager, r: RequestEntity, pages: RequestPageEntity[]) => Promise<void>) {
    const { request, pages } = await this.tx.run(
      async (m) => {
        const loaded = await this.loadForChange(m, who, id);
        await work(m, loaded.request, loaded.pages);
        return loaded;
      },
      [Locks.request(id)],
    );
    return requestView(request, pages, await this.zones.zoneOf(request.regionCode));
  }

  acknowledge(who: Principal, id: string) {
    return this.change(who, id, async (m, request, pages) => {
      const mine = this.pageOf(who, pages);
      if (!mine) throw new ForbiddenError('only someone paged for this request may acknowledge it');
      if (request.acknowledgedAt !== null) {
        throw new ConflictError(`request ${id} was already acknowledged`, [
          { rule: 'already-acknowledged', message: `request ${id} was already acknowledged` },
        ]);
      }
      if (request.status === 'resolved' || request.status === 'cancelled')
        throw new ConflictError(`request ${id} is ${request.status}`, [this.closed(request)]);
      const now = this.clock.now();
      Object.assign(request, { status: 'acknowledged', acknowledgedAt: now, acknowledgedPageId: mine.id, nextStepAt: null });
      await m.update(RequestEntity, { id }, { status: 'acknowledged', acknowledgedAt: now, acknowledgedPageId: mine.id, nextStepAt: null });
      await this.audit.append(
        m,
        who,
        'acknowledge',
        'request',
        id,
        `acknowledged at step ${request.step} by ${mine.nurseId ? `nurse ${mine.nurseId}` : `user ${mine.userId}`}`,
      );
    });
  }

  resolve(who: Principal, id: string, dto: ResolveRequestDto) {
    return this.change(who, id, async (m, request, pages) => {
      const coordinates = who.role === 'admin' || (who.role === 'coordinator' && who.regionCodes.includes(request.regionCode));
      const acknowledging = request.acknowledgedPageId !== null && this.pageOf(who, pages)?.id === request.acknowledgedPageId;
      if (!coordinates && !acknowledging) throw new ForbiddenError('only the acknowledging nurse or a coordinator of the region may resolve a request');
      if (request.status === 'resolved' || request.status === 'cancelled')
        throw new ConflictError(`request ${id} is ${request.status}`, [this.closed(request)]);
      const now = this.clock.now();
      Object.assign(request, { status: 'resolved', resolvedAt: now, outcome: dto.outcome, nextStepAt: null });
      await m.update(RequestEntity, { id }, { status: 'resolved', resolvedAt: now, outcome: dto.outcome, nextStepAt: null });
      await this.audit.append(m, who, 'resolve', 'request', id, `resolved: ${dto.outcome}`);
    });
  }

  cancel(who: Principal, id: string) {
    return this.change(who, id, async (m, request) => {
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
      await this.audit.append(m, who, 'cancel', 'request', id, 'cancelled; paging stopped');
    });
  }

  // ---- reading ---------------------------------------------------------------------------------

  async get(who: Principal, id: string): Promise<RequestResponse> {
    const request = await this.requests.findOneBy({ id });
    const pages = request ? await this.repo.pagesOf(this.dataSource.manager, [id]) : [];
    if (!request || !this.mayRead(who, request, pages)) throw new NotFoundError(`request ${id} not found`);
    return requestView(request, pages, await this.zones.zoneOf(request.regionCode));
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
    for (const p of pages) byRequest.set(p.requestId, [...(byRequest.get(p.requestId) ?? []), p]);
    const result: RequestResponse[] = [];
    for (const r of requests) result.push(requestView(r, byRequest.get(r.id) ?? [], await this.zones.zoneOf(r.regionCode)));
    return result;
  }

  /** The caller's pages (a nurse's, or a coordinator's at step 3), newest first, each with its request. */
  async myPages(who: Principal, q: MyPagesQuery): Promise<MyPageResponse[]> {
    const rows = await this.repo.pagesFor(
      this.dataSource.manager,
      { nurseId: who.role === 'nurse' ? who.nurseId : null, userId: who.userId },
      q.status,
      LIST_LIMIT,
    );
    const pages = await this.repo.pagesOf(this.dataSource.manager, [...new Set(rows.map((r) => r.request.id))]);
    const result: MyPageResponse[] = [];
    for (const { page, request } of rows) result.push(await this.pageWithRequest(page, request, pages));
    return result;
  }

  /** One page as the nurse app shows it: the page and its request (with the callback phone, to call back). */
  async pageWithRequest(page: RequestPageEntity, request?: RequestEntity, pages?: RequestPageEntity[]): Promise<MyPageResponse> {
    const r = request ?? (await this.requests.findOneByOrFail({ id: page.requestId }));
    const all = pages ?? (await this.repo.pagesOf(this.dataSource.manager, [r.id]));
    const zone = await this.zones.zoneOf(r.regionCode);
    const { pages: _pages, ...view } = requestView(
      r,
      all.filter((p) => p.requestId === r.id),
      zone,
    );
    void _pages;
    return { ...pageView(page, zone), request: view };
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
