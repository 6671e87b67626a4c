import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { coordinates, type Principal } from '../common/principal.js';
import { AssignmentChecks } from '../assignments/assignment-checks.service.js';
import { type AssignmentVerdict, judgeAssignment } from '../assignments/verdict.js';
import { NurseTimeline } from '../working-time/timeline.js';
import { RULE_HORIZON_MS } from '../working-time/working-time-rules.js';
import { AssignmentsService } from '../assignments/assignments.service.js';
import { Clock } from '../common/clock.js';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { formatInstant } from '../common/local-time.js';
import { Locks, type LockKey } from '../database/locks.js';
import { inChunks } from '../database/dialect.js';
import { conflictsVisibleTo } from '../common/conflicts.js';
import { Transactions } from '../database/transactions.js';
import { ContractsService } from '../contracts/contracts.service.js';
import type { NurseEntity } from '../nurses/nurse.entity.js';
import { NursesService } from '../nurses/nurses.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { MonthsService } from '../months/months.service.js';
import { PartiesService } from '../contracts/parties.service.js';
import { SlotsService } from '../roster/slots.service.js';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import type { OfferStatus } from '../common/codes.js';
import { OfferEntity } from './offer.entity.js';
import type { OfferListEntryResponse, OfferResponse } from './offer.response.js';
import { asSeenByGiver } from './offer-giver-view.js';

const ACTIVE: OfferStatus[] = ['open', 'accepted'];

function offerView(o: OfferEntity, zone: string): OfferResponse {
  return {
    id: o.id,
    assignmentId: o.assignmentId,
    slotId: o.slotId,
    regionCode: o.regionCode,
    fromNurseId: o.fromNurseId,
    toNurseId: o.toNurseId,
    takerNurseId: o.takerNurseId,
    status: o.status,
    newAssignmentId: o.newAssignmentId,
    createdAt: formatInstant(o.createdAt, zone),
    updatedAt: formatInstant(o.updatedAt, zone),
  };
}

/** Give-aways and swaps: a nurse offers an assignment, a colleague accepts, a coordinator approves. */
@Injectable()
export class OffersService implements OnModuleInit {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly assignments: AssignmentsService,
    private readonly checks: AssignmentChecks,
    private readonly parties: PartiesService,
    private readonly months: MonthsService,
    private readonly assignmentRows: AssignmentsRepository,
    private readonly contracts: ContractsService,
    private readonly nurses: NursesService,
    private readonly reference: ReferenceService,
    private readonly zones: RegionZones,
    private readonly slots: SlotsService,
    @InjectRepository(OfferEntity) private readonly offers: Repository<OfferEntity>,
  ) {}

  /** An active assignment by id, or null (assignments owns the table; read through its repository). */
  private async activeAssignment(m: EntityManager, id: string) {
    const a = await this.assignmentRows.byId(m, id);
    return a && a.status === 'active' ? a : null;
  }

  /** An offer on an assignment that is cancelled otherwise (unassigned, terminated, absent) is cancelled with it. */
  onModuleInit(): void {
    this.assignments.onCancelled(async (m, assignmentIds, at) => {
      await inChunks(assignmentIds, async (chunk) => [
        await m.update(OfferEntity, { assignmentId: In(chunk), active: 1 }, { status: 'cancelled', active: null, updatedAt: at }),
      ]);
    });
  }

  private zone(m: EntityManager, regionCode: string): Promise<string> {
    return this.zones.zoneOf(regionCode, m);
  }

  /**
   * What taking the offered slot would meet for the taker: the giver's place counts as free, and
   * the offered duty weighs on nobody (not even on a taker who is the giver's person in another record).
   */
  private async judge(m: EntityManager, offer: OfferEntity, takerId: string): Promise<AssignmentVerdict> {
    const slot = await this.slots.byId(offer.slotId, m);
    const taker = await this.nurses.byId(takerId, m);
    if (!slot) throw new ConflictError('the offered slot no longer exists', 'assignment-not-active');
    if (!taker) throw new NotFoundError(`nurse ${takerId} not found`);
    return this.checks.evaluate(m, slot, taker, { ignoreSlotFull: true, excludeAssignmentId: offer.assignmentId });
  }

  async create(who: Principal, assignmentId: string, toNurseId?: string): Promise<OfferResponse> {
    const found = await this.activeAssignment(this.offers.manager, assignmentId);
    const mayOffer = found && ((who.role === 'nurse' && who.nurseId === found.nurseId) || coordinates(who, found.regionCode));
    if (!found || !mayOffer) throw new NotFoundError(`assignment ${assignmentId} not found`);
    if (toNurseId === found.nurseId) throw new BadInputError('toNurseId must be another nurse than the one assigned');
    return this.tx.run(
      async (m) => {
        const a = await this.activeAssignment(m, assignmentId);
        if (!a) throw new NotFoundError(`assignment ${assignmentId} not found`);
        if (await m.findOneBy(OfferEntity, { assignmentId, active: 1 }))
          throw new ConflictError('this assignment already has an open or accepted offer', 'offer-exists');
        await this.months.refuseClosed(m, [a]);
        // Only a colleague who could take the slot: a nurse of the contract's responsible party. Any
        // other nurse is answered as unknown, so that an offer never reaches another organisation.
        if (toNurseId !== undefined && !(await this.isColleague(m, a.contractId, toNurseId))) {
          throw new RuleViolationError([unknownReference('nurse', toNurseId)]);
        }
        const now = this.clock.now();
        const offer = Object.assign(new OfferEntity(), {
          id: newId(),
          assignmentId,
          slotId: a.slotId,
          regionCode: a.regionCode,
          fromNurseId: a.nurseId,
          toNurseId: toNurseId ?? null,
          takerNurseId: null,
          status: 'open',
          active: 1,
          newAssignmentId: null,
          createdAt: now,
          updatedAt: now,
        });
        await m.insert(OfferEntity, offer);
        await this.audit.append(m, who, 'create', 'offer', offer.id, `assignment ${assignmentId} offered ${toNurseId ? `to nurse ${toNurseId}` : 'to anyone'}`);
        return offerView(offer, await this.zone(m, a.regionCode));
      },
      // The contract's roster lock (shared) keeps a termination from cancelling the assignment meanwhile.
      [Locks.offersOn(assignmentId), Locks.contractMonth(found.contractId, found.localDate), Locks.contractRoster(found.contractId, 'shared')],
    );
  }

  /** Is the nurse employed by the responsible party of the contract (one who could take its slots)? */
  private async isColleague(m: EntityManager, contractId: string, nurseId: string): Promise<boolean> {
    const nurse = await this.nurses.byId(nurseId, m);
    const contract = await this.contracts.byId(contractId, m);
    return !!nurse && !!contract && (await this.parties.employerAgbs(contract, m)).includes(nurse.employerAgb);
  }

  /**
   * The locks of a transition that may hand the offered assignment over: the offer, and the locks
   * of cancelling the giver's assignment and of assigning the taker to the same slot.
   */
  private async handOverLocks(offer: OfferEntity, takerId: string | null): Promise<LockKey[]> {
    const giver = await this.assignmentRows.byId(this.offers.manager, offer.assignmentId);
    const locks = [Locks.offer(offer.id), Locks.nurse(offer.fromNurseId)];
    if (takerId) locks.push(Locks.nurse(takerId));
    if (giver) locks.push(...AssignmentsService.locksFor(giver));
    return locks;
  }

  /**
   * Of open offers to anyone, those the nurse could accept now: judged as accept judges them
   * (the giver's place counts as free), with the nurse's duties and absences loaded once for all.
   */
  private async takeableBy(me: NurseEntity, offers: OfferEntity[]): Promise<Set<string>> {
    if (offers.length === 0) return new Set();
    const m = this.offers.manager;
    const slots = await this.slots.byIds([...new Set(offers.map((o) => o.slotId))], m);
    const contracts = new Map<string, Awaited<ReturnType<AssignmentChecks['contractFacts']>>>();
    for (const contractId of new Set(slots.map((s) => s.contractId))) contracts.set(contractId, await this.checks.contractFacts(m, contractId));
    const fromMs = Math.min(...slots.map((s) => s.startMs)) - RULE_HORIZON_MS;
    const toMs = Math.max(...slots.map((s) => s.endMs)) + RULE_HORIZON_MS;
    const timeline = (await this.checks.timelinesOf(m, [me.id], fromMs, toMs)).get(me.id) as NurseTimeline;
    const absences = (await this.assignmentRows.absencesOf(m, [me.id])).get(me.id) ?? [];
    const bySlot = new Map(slots.map((s) => [s.id, s]));
    const takeable = new Set<string>();
    for (const o of offers) {
      const slot = bySlot.get(o.slotId);
      const contract = slot && contracts.get(slot.contractId);
      if (!slot || !contract) continue;
      // As accept judges: the offered duty weighs on nobody (a record of the giver's person included).
      const held = timeline.all().some((d) => d.id === o.assignmentId);
      const mine = held ? new NurseTimeline(timeline.all().filter((d) => d.id !== o.assignmentId)) : timeline;
      const verdict = judgeAssignment({ slot: await this.checks.slotFacts(m, slot), nurse: me, ...contract, absences, timeline: mine, ignoreSlotFull: true });
      if (verdict.conflicts.length === 0 && verdict.violations.length === 0) takeable.add(o.id);
    }
    return takeable;
  }

  async list(who: Principal, status?: OfferStatus): Promise<OfferListEntryResponse[]> {
    const where: Record<string, unknown> = {};
    if (who.role === 'coordinator') where.regionCode = In(who.regionCodes);
    if (who.role === 'insurer') throw new ForbiddenError('insurers do not see shift offers');
    let rows: OfferEntity[];
    let me: NurseEntity | null = null;
    if (who.role === 'nurse') {
      me = await this.nurses.byId(who.nurseId ?? '');
      if (!me) throw new NotFoundError(`nurse ${who.nurseId} not found`);
      // Its own offers, those named to it or taken by it, and the open offers to anyone; of the
      // last only those it could accept now. The status filter is applied to what the nurse
      // reads (a giver reads an accepted offer as open), so it is applied after the views.
      const mine = [{ fromNurseId: me.id }, { toNurseId: me.id }, { takerNurseId: me.id }];
      const pool = status && status !== 'open' ? [] : [{ toNurseId: IsNull(), status: 'open' as const }];
      rows = await this.offers.find({ where: [...mine, ...pool], order: { createdAt: 'ASC', id: 'ASC' } });
      const nurseId = me.id;
      const takeable = await this.takeableBy(
        me,
        rows.filter((o) => o.toNurseId === null && o.status === 'open' && o.fromNurseId !== nurseId && o.takerNurseId !== nurseId),
      );
      rows = rows.filter((o) => o.fromNurseId === nurseId || o.toNurseId === nurseId || o.takerNurseId === nurseId || takeable.has(o.id));
    } else {
      if (status) where.status = status;
      rows = await this.offers.find({ where, order: { createdAt: 'ASC', id: 'ASC' } });
    }
    const zones = await this.zones.zonesOf(rows.map((o) => o.regionCode));
    // The list also names the shift and the nurses, so a reader need not look up each slot.
    const slots = new Map((await this.slots.byIds([...new Set(rows.map((o) => o.slotId))])).map((s) => [s.id, s]));
    const nurseIds = [...new Set(rows.flatMap((o) => [o.fromNurseId, o.toNurseId, o.takerNurseId]).filter((id): id is string => id !== null))];
    const names = await this.nurses.namesOf(nurseIds);
    const name = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
    const views = rows.map((o): OfferListEntryResponse => {
      const zone = zones.get(o.regionCode) ?? 'Europe/Amsterdam';
      const slot = slots.get(o.slotId);
      const view = {
        ...offerView(o, zone),
        function: slot?.function ?? null,
        localDate: slot?.localDate ?? null,
        start: slot ? formatInstant(slot.startMs, zone) : null,
        end: slot ? formatInstant(slot.endMs, zone) : null,
        fromNurseName: name(o.fromNurseId),
        toNurseName: name(o.toNurseId),
        takerNurseName: name(o.takerNurseId),
      };
      return me && o.fromNurseId === me.id ? asSeenByGiver(view) : view;
    });
    return status ? views.filter((v) => v.status === status) : views;
  }

  private async load(m: EntityManager, id: string) {
    const offer = await m.findOneBy(OfferEntity, { id });
    if (!offer) throw new NotFoundError(`offer ${id} not found`);
    return offer;
  }

  async accept(who: Principal, id: string): Promise<OfferResponse> {
    if (who.role !== 'nurse' || !who.nurseId) throw new ForbiddenError('only a nurse accepts an offer');
    const takerId = who.nurseId;
    const found = await this.offers.findOneBy({ id });
    if (!found) throw new NotFoundError(`offer ${id} not found`);
    return this.assignments.inPersonTransaction(
      async (m) => {
        const offer = await this.load(m, id);
        if (offer.toNurseId !== null && offer.toNurseId !== takerId) throw new NotFoundError(`offer ${id} not found`);
        if (offer.fromNurseId === takerId) throw new BadInputError('a nurse cannot accept its own offer');
        if (offer.status !== 'open') throw new ConflictError(`the offer is ${offer.status}`, 'offer-not-open');
        const verdict = await this.judge(m, offer, takerId);
        // A closed month is a conflict for every taker (409), as for making and approving an offer.
        const closed = verdict.conflicts.filter((v) => v.rule === 'closed-month');
        if (closed.length) throw new ConflictError(closed.map((v) => v.message).join('; '), closed);
        // The taker is judged at once. An offer to anyone may be taken only by a nurse who breaks
        // no rule (422, every broken rule); the named colleague may accept all the same (api.md),
        // and the coordinator then decides: her answer lists what she breaks, and it is never
        // approved automatically. The giver learns none of it from the accept.
        const breaks = [...verdict.conflicts, ...verdict.violations];
        if (offer.toNurseId === null && breaks.length) throw new RuleViolationError(breaks);
        const now = this.clock.now();
        Object.assign(offer, { takerNurseId: takerId, status: 'accepted', updatedAt: now });
        await m.save(OfferEntity, offer);
        await this.audit.append(m, who, 'accept', 'offer', id, `nurse ${takerId} accepts`);
        const region = await this.reference.regionByCode(offer.regionCode, m);
        const warnings = region?.autoApproveOffers && breaks.length === 0 ? await this.approveInTransaction(m, who, offer) : [];
        return { ...offerView(offer, await this.zone(m, offer.regionCode)), violations: conflictsVisibleTo(who, breaks, takerId), warnings };
      },
      await this.handOverLocks(found, takerId),
      [takerId],
    );
  }

  private async approveInTransaction(m: EntityManager, who: Principal, offer: OfferEntity) {
    const giver = await this.activeAssignment(m, offer.assignmentId);
    if (!giver) throw new ConflictError('the offered assignment no longer exists', 'assignment-not-active');
    await this.months.refuseClosed(m, [giver]);
    const verdict = await this.judge(m, offer, offer.takerNurseId as string);
    const breaks = [...verdict.conflicts, ...verdict.violations];
    if (breaks.length) throw new RuleViolationError(breaks);
    await this.assignments.cancelInTransaction(m, who, [giver], `handed over by offer ${offer.id}`);
    const created = await this.assignments.assignInTransaction(m, who, offer.slotId, offer.takerNurseId as string, `offer ${offer.id} approved`);
    Object.assign(offer, { status: 'approved', active: null, newAssignmentId: created.id, updatedAt: this.clock.now() });
    await m.save(OfferEntity, offer);
    await this.audit.append(m, who, 'approve', 'offer', offer.id, `assignment ${giver.id} → ${created.id} (nurse ${giver.nurseId} → ${offer.takerNurseId})`);
    // An approval is an assignment by hand: beyond the taker's contract hours it is made, with a warning.
    return created.warnings;
  }

  private async coordinatorOf(who: Principal, id: string) {
    const offer = await this.offers.findOneBy({ id });
    if (!offer || !coordinates(who, offer.regionCode)) throw new NotFoundError(`offer ${id} not found`);
    return offer;
  }

  async approve(who: Principal, id: string): Promise<OfferResponse> {
    const found = await this.coordinatorOf(who, id);
    return this.assignments.inPersonTransaction(
      async (m) => {
        const offer = await this.load(m, id);
        if (offer.status !== 'accepted') throw new ConflictError(`only an accepted offer can be approved; this one is ${offer.status}`, 'offer-not-accepted');
        // The locks name the taker read before the transaction; one accepted meanwhile is not locked.
        if (offer.takerNurseId !== found.takerNurseId) throw new ConflictError('the offer changed meanwhile; retry', 'changed-meanwhile');
        const warnings = await this.approveInTransaction(m, who, offer);
        return { ...offerView(offer, await this.zone(m, offer.regionCode)), warnings };
      },
      await this.handOverLocks(found, found.takerNurseId),
      found.takerNurseId ? [found.takerNurseId] : [],
    );
  }

  async close(who: Principal, id: string, status: 'rejected' | 'withdrawn'): Promise<OfferResponse> {
    const found = await this.offers.findOneBy({ id });
    const allowed =
      found &&
      (status === 'rejected'
        ? coordinates(who, found.regionCode)
        : (who.role === 'nurse' && who.nurseId === found.fromNurseId) || coordinates(who, found.regionCode));
    if (!found || !allowed) throw new NotFoundError(`offer ${id} not found`);
    return this.tx.run(
      async (m) => {
        const offer = await this.load(m, id);
        if (!ACTIVE.includes(offer.status)) throw new ConflictError(`the offer is already ${offer.status}`, 'offer-closed');
        Object.assign(offer, { status, active: null, updatedAt: this.clock.now() });
        await m.save(OfferEntity, offer);
        await this.audit.append(m, who, status === 'rejected' ? 'reject' : 'withdraw', 'offer', id, `offer ${status}`);
        const view = offerView(offer, await this.zone(m, offer.regionCode));
        // The giver withdrawing learns no more than before: not who had accepted it, nor when.
        return who.role === 'nurse' && who.nurseId === offer.fromNurseId ? asSeenByGiver(view) : view;
      },
      [Locks.offer(id)],
    );
  }
}
