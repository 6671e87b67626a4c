import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository, DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { coordinates, type Principal } from '../common/principal.js';
import { AssignmentChecks } from '../assignments/assignment-checks.service.js';
import { type AssignmentVerdict, judgeAssignment } from '../assignments/verdict.js';
import { AbsencesRepository } from '../absences/absences.repository.js';
import { NurseTimeline } from '../working-time/timeline.js';
import { RULE_HORIZON_MS } from '../working-time/working-time-rules.js';
import { AssignmentsService } from '../assignments/assignments.service.js';
import { Clock } from '../common/clock.js';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { formatInstant } from '../common/local-time.js';
import { Locks, type LockKey } from '../database/locks.js';
import { inChunks } from '../database/dialect.js';
import { Transactions } from '../database/transactions.js';
import { ContractEntity } from '../contracts/contract.entity.js';
import { RegionEntity } from '../reference/reference.entities.js';
import { NurseEntity } from '../nurses/nurse.entity.js';
import { MonthsService } from '../months/months.service.js';
import { PartiesService } from '../contracts/parties.service.js';
import { SlotEntity } from '../roster/roster.entities.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import type { OfferStatus } from '../common/codes.js';
import { OfferEntity } from './offer.entity.js';

const ACTIVE: OfferStatus[] = ['open', 'accepted'];

function offerView(o: OfferEntity, zone: string) {
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
    private readonly absences: AbsencesRepository,
    @InjectRepository(OfferEntity) private readonly offers: Repository<OfferEntity>,
    private readonly dataSource: DataSource,
  ) {}

  /** assignments owns this table; read here, changed only through its service. */
  private get assignmentRows(): Repository<AssignmentEntity> {
    return this.dataSource.getRepository(AssignmentEntity);
  }

  /** An offer on an assignment that is cancelled otherwise (unassigned, terminated, absent) is cancelled with it. */
  onModuleInit(): void {
    this.assignments.onCancelled(async (m, assignmentIds, at) => {
      await inChunks(assignmentIds, async (chunk) => [
        await m.update(OfferEntity, { assignmentId: In(chunk), active: 1 }, { status: 'cancelled', active: null, updatedAt: at }),
      ]);
    });
  }

  private async zone(m: EntityManager, regionCode: string) {
    return (await m.findOneByOrFail(RegionEntity, { code: regionCode })).timezone;
  }

  /** What taking the offered slot would meet for the taker (the giver's place counts as free). */
  private async judge(m: EntityManager, offer: OfferEntity, takerId: string): Promise<AssignmentVerdict> {
    const slot = await m.findOneByOrFail(SlotEntity, { id: offer.slotId });
    const taker = await m.findOneByOrFail(NurseEntity, { id: takerId });
    return this.checks.evaluate(m, slot, taker, { ignoreSlotFull: true });
  }

  async create(who: Principal, assignmentId: string, toNurseId?: string) {
    const found = await this.assignmentRows.findOneBy({ id: assignmentId, status: 'active' });
    const mayOffer = found && ((who.role === 'nurse' && who.nurseId === found.nurseId) || coordinates(who, found.regionCode));
    if (!found || !mayOffer) throw new NotFoundError(`assignment ${assignmentId} not found`);
    if (toNurseId === found.nurseId) throw new BadInputError('toNurseId must be another nurse than the one assigned');
    return this.tx.run(
      async (m) => {
        const a = await m.findOneBy(AssignmentEntity, { id: assignmentId, status: 'active' });
        if (!a) throw new NotFoundError(`assignment ${assignmentId} not found`);
        if (await m.findOneBy(OfferEntity, { assignmentId, active: 1 })) throw new ConflictError('this assignment already has an open or accepted offer');
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
    const nurse = await m.findOneBy(NurseEntity, { id: nurseId });
    const contract = await m.findOneBy(ContractEntity, { id: contractId });
    return !!nurse && !!contract && (await this.parties.employerAgbs(contract, m)).includes(nurse.employerAgb);
  }

  /**
   * The locks of a transition that may hand the offered assignment over: the offer, and the locks
   * of cancelling the giver's assignment and of assigning the taker to the same slot.
   */
  private async handOverLocks(offer: OfferEntity, takerId: string | null): Promise<LockKey[]> {
    const giver = await this.assignmentRows.findOneBy({ id: offer.assignmentId });
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
    const slots = await m.findBy(SlotEntity, { id: In([...new Set(offers.map((o) => o.slotId))]) });
    const contracts = new Map<string, Awaited<ReturnType<AssignmentChecks['contractFacts']>>>();
    for (const contractId of new Set(slots.map((s) => s.contractId))) contracts.set(contractId, await this.checks.contractFacts(m, contractId));
    const fromMs = Math.min(...slots.map((s) => s.startMs)) - RULE_HORIZON_MS;
    const toMs = Math.max(...slots.map((s) => s.endMs)) + RULE_HORIZON_MS;
    const timeline = (await this.checks.timelinesOf(m, [me.id], fromMs, toMs)).get(me.id) as NurseTimeline;
    const absences = (await this.absences.ofNurses(m, [me.id])).get(me.id) ?? [];
    const bySlot = new Map(slots.map((s) => [s.id, s]));
    const takeable = new Set<string>();
    for (const o of offers) {
      const slot = bySlot.get(o.slotId);
      const contract = slot && contracts.get(slot.contractId);
      if (!slot || !contract) continue;
      const verdict = judgeAssignment({ slot: await this.checks.slotFacts(m, slot), nurse: me, ...contract, absences, timeline, ignoreSlotFull: true });
      if (verdict.conflicts.length === 0 && verdict.violations.length === 0) takeable.add(o.id);
    }
    return takeable;
  }

  async list(who: Principal, status?: OfferStatus) {
    const where: Record<string, unknown> = {};
    if (status) where.status = status;
    if (who.role === 'coordinator') where.regionCode = In(who.regionCodes);
    if (who.role === 'insurer') throw new ForbiddenError('insurers do not see shift offers');
    let rows: OfferEntity[];
    if (who.role === 'nurse') {
      const me = await this.offers.manager.findOneByOrFail(NurseEntity, { id: who.nurseId ?? '' });
      // Its own offers, those named to it or taken by it, and the open offers to anyone; of the
      // last only those it could accept now.
      const mine = [{ fromNurseId: me.id }, { toNurseId: me.id }, { takerNurseId: me.id }].map((w) => ({ ...where, ...w }));
      const pool = status && status !== 'open' ? [] : [{ ...where, toNurseId: IsNull(), status: 'open' as const }];
      rows = await this.offers.find({ where: [...mine, ...pool], order: { createdAt: 'ASC', id: 'ASC' } });
      const takeable = await this.takeableBy(
        me,
        rows.filter((o) => o.toNurseId === null && o.status === 'open' && o.fromNurseId !== me.id && o.takerNurseId !== me.id),
      );
      rows = rows.filter((o) => o.fromNurseId === me.id || o.toNurseId === me.id || o.takerNurseId === me.id || takeable.has(o.id));
    } else {
      rows = await this.offers.find({ where, order: { createdAt: 'ASC', id: 'ASC' } });
    }
    const zones = new Map((await this.offers.manager.find(RegionEntity)).map((r) => [r.code, r.timezone]));
    // The list also names the shift and the nurses, so a reader need not look up each slot.
    const slots = new Map(
      (rows.length ? await this.offers.manager.findBy(SlotEntity, { id: In([...new Set(rows.map((o) => o.slotId))]) }) : []).map((s) => [s.id, s]),
    );
    const nurseIds = [...new Set(rows.flatMap((o) => [o.fromNurseId, o.toNurseId, o.takerNurseId]).filter((id): id is string => id !== null))];
    const names = new Map((nurseIds.length ? await this.offers.manager.findBy(NurseEntity, { id: In(nurseIds) }) : []).map((n) => [n.id, n.name]));
    const name = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
    return rows.map((o) => {
      const zone = zones.get(o.regionCode) ?? 'Europe/Amsterdam';
      const slot = slots.get(o.slotId);
      return {
        ...offerView(o, zone),
        function: slot?.function ?? null,
        localDate: slot?.localDate ?? null,
        start: slot ? formatInstant(slot.startMs, zone) : null,
        end: slot ? formatInstant(slot.endMs, zone) : null,
        fromNurseName: name(o.fromNurseId),
        toNurseName: name(o.toNurseId),
        takerNurseName: name(o.takerNurseId),
      };
    });
  }

  private async load(m: EntityManager, id: string) {
    const offer = await m.findOneBy(OfferEntity, { id });
    if (!offer) throw new NotFoundError(`offer ${id} not found`);
    return offer;
  }

  async accept(who: Principal, id: string) {
    if (who.role !== 'nurse' || !who.nurseId) throw new ForbiddenError('only a nurse accepts an offer');
    const takerId = who.nurseId;
    const found = await this.offers.findOneBy({ id });
    if (!found) throw new NotFoundError(`offer ${id} not found`);
    return this.tx.run(
      async (m) => {
        const offer = await this.load(m, id);
        if (offer.toNurseId !== null && offer.toNurseId !== takerId) throw new NotFoundError(`offer ${id} not found`);
        if (offer.fromNurseId === takerId) throw new BadInputError('a nurse cannot accept its own offer');
        if (offer.status !== 'open') throw new ConflictError(`the offer is ${offer.status}`);
        const verdict = await this.judge(m, offer, takerId);
        const breaks = [...verdict.conflicts, ...verdict.violations];
        // An offer to anyone may be taken only by a nurse who breaks no rule; the named nurse may
        // accept regardless, and the coordinator then decides.
        if (offer.toNurseId === null && breaks.length) throw new RuleViolationError(breaks);
        const now = this.clock.now();
        Object.assign(offer, { takerNurseId: takerId, status: 'accepted', updatedAt: now });
        await m.save(OfferEntity, offer);
        await this.audit.append(m, who, 'accept', 'offer', id, `nurse ${takerId} accepts`);
        const region = await m.findOneByOrFail(RegionEntity, { code: offer.regionCode });
        if (region.autoApproveOffers && breaks.length === 0) await this.approveInTransaction(m, who, offer);
        return offerView(offer, region.timezone);
      },
      await this.handOverLocks(found, takerId),
    );
  }

  private async approveInTransaction(m: EntityManager, who: Principal, offer: OfferEntity) {
    const giver = await m.findOneBy(AssignmentEntity, { id: offer.assignmentId, status: 'active' });
    if (!giver) throw new ConflictError('the offered assignment no longer exists');
    await this.months.refuseClosed(m, [giver]);
    const verdict = await this.judge(m, offer, offer.takerNurseId as string);
    const breaks = [...verdict.conflicts, ...verdict.violations];
    if (breaks.length) throw new RuleViolationError(breaks);
    await this.assignments.cancelInTransaction(m, who, [giver], `handed over by offer ${offer.id}`);
    const created = await this.assignments.assignInTransaction(m, who, offer.slotId, offer.takerNurseId as string, `offer ${offer.id} approved`);
    Object.assign(offer, { status: 'approved', active: null, newAssignmentId: created.id, updatedAt: this.clock.now() });
    await m.save(OfferEntity, offer);
    await this.audit.append(m, who, 'approve', 'offer', offer.id, `assignment ${giver.id} → ${created.id} (nurse ${giver.nurseId} → ${offer.takerNurseId})`);
  }

  private async coordinatorOf(who: Principal, id: string) {
    const offer = await this.offers.findOneBy({ id });
    if (!offer || !coordinates(who, offer.regionCode)) throw new NotFoundError(`offer ${id} not found`);
    return offer;
  }

  async approve(who: Principal, id: string) {
    const found = await this.coordinatorOf(who, id);
    return this.tx.run(
      async (m) => {
        const offer = await this.load(m, id);
        if (offer.status !== 'accepted') throw new ConflictError(`only an accepted offer can be approved; this one is ${offer.status}`);
        // The locks name the taker read before the transaction; one accepted meanwhile is not locked.
        if (offer.takerNurseId !== found.takerNurseId) throw new ConflictError('the offer changed meanwhile; retry');
        await this.approveInTransaction(m, who, offer);
        return offerView(offer, await this.zone(m, offer.regionCode));
      },
      await this.handOverLocks(found, found.takerNurseId),
    );
  }

  async close(who: Principal, id: string, status: 'rejected' | 'withdrawn') {
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
        if (!ACTIVE.includes(offer.status)) throw new ConflictError(`the offer is already ${offer.status}`);
        Object.assign(offer, { status, active: null, updatedAt: this.clock.now() });
        await m.save(OfferEntity, offer);
        await this.audit.append(m, who, status === 'rejected' ? 'reject' : 'withdraw', 'offer', id, `offer ${status}`);
        return offerView(offer, await this.zone(m, offer.regionCode));
      },
      [Locks.offer(id)],
    );
  }
}
