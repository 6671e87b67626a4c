import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Principal, coordinates } from '../common/principal.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { inChunks } from '../database/dialect.js';
import { Locks, type LockKey } from '../database/locks.js';
import { Transactions } from '../database/transactions.js';
import { MonthsService } from '../months/months.service.js';
import { NursesService } from '../nurses/nurses.service.js';
import { RegionZones } from '../reference/region-zones.service.js';
import type { SlotEntity } from '../roster/roster.entities.js';
import { AssignmentEntity } from './assignment.entity.js';
import { checkDateRange, SlotsService } from '../roster/slots.service.js';
import { AssignmentChecks } from './assignment-checks.service.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { assignmentView } from './assignment-view.js';
import type { AssignmentResponse, CreatedAssignmentResponse, ReplaceAssignmentResponse } from './assignment.response.js';
import type { NurseEntity } from '../nurses/nurse.entity.js';
import { calendarWeekOf, contractHoursWarning } from './contract-hours.js';
import type { Warning } from '../common/codes.js';

/** A new active assignment of the nurse to the slot, copying what the slot says of the duty. */
function newAssignment(slot: SlotEntity, nurseId: string, now: number): AssignmentEntity {
  return Object.assign(new AssignmentEntity(), {
    id: newId(),
    slotId: slot.id,
    nurseId,
    contractId: slot.contractId,
    regionCode: slot.regionCode,
    function: slot.function,
    localDate: slot.localDate,
    startMs: slot.startMs,
    endMs: slot.endMs,
    dutyType: slot.dutyType,
    status: 'active' as const,
    sequence: 0,
    createdAt: now,
    updatedAt: now,
    cancelReason: null,
  });
}

export type CancelListener = (m: EntityManager, assignmentIds: string[], at: number) => Promise<void>;

/** A record joined or left a person between choosing the locks and taking them. */
class PersonsChanged extends Error {}

@Injectable()
export class AssignmentsService {
  private readonly cancelListeners: CancelListener[] = [];

  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly checks: AssignmentChecks,
    private readonly slotsService: SlotsService,
    private readonly nursesService: NursesService,
    private readonly zones: RegionZones,
    private readonly months: MonthsService,
    private readonly rows: AssignmentsRepository,
    @InjectRepository(AssignmentEntity) private readonly assignments: Repository<AssignmentEntity>,
  ) {}

  /** A slot the caller plans (coordinator of its region or admin), else 404. */
  async findPlannableSlot(who: Principal, slotId: string): Promise<SlotEntity> {
    const slot = await this.slotsService.findReadable(who, slotId);
    if (!coordinates(who, slot.regionCode)) throw new NotFoundError(`slot ${slotId} not found`);
    return slot;
  }

  /**
   * The locks of a change to one assignment of a slot: its nurse, its slot, its contract month
   * (against finalizing) and its contract's roster, shared (against terminate and template changes).
   */
  static locksFor(a: { nurseId: string; slotId: string; contractId: string; localDate: string }): LockKey[] {
    return [Locks.nurse(a.nurseId), Locks.slot(a.slotId), Locks.contractMonth(a.contractId, a.localDate), Locks.contractRoster(a.contractId, 'shared')];
  }

  /**
   * `Transactions.run` for a judged write: `work` runs in one transaction under `locks` and the
   * locks of every record of the persons of `nurseIds` (records with one BIG number are one
   * person, judged with all their duties), so that two judged writes to two records of one person
   * never both pass. Which records a person has is read before the locks are chosen and again under
   * them; when it changed meanwhile (a BIG number set), the locks are chosen again.
   */
  async inPersonTransaction<T>(work: (m: EntityManager) => Promise<T>, locks: LockKey[], nurseIds: string[]): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const chosen = await this.nursesService.recordsOfPersons(this.assignments.manager, nurseIds);
      const locked = new Set([...nurseIds, ...[...chosen.values()].flat()]);
      try {
        return await this.tx.run(
          async (m) => {
            const now = await this.nursesService.recordsOfPersons(m, nurseIds);
            if ([...now.values()].flat().some((id) => !locked.has(id))) throw new PersonsChanged();
            return work(m);
          },
          [...locks, ...[...locked].map((id) => Locks.nurse(id))],
        );
      } catch (e) {
        if (!(e instanceof PersonsChanged)) throw e;
        if (attempt >= 3) throw new ConflictError("the nurse's records changed meanwhile; retry", 'changed-meanwhile');
      }
    }
  }

  async assign(who: Principal, slotId: string, nurseId: string): Promise<CreatedAssignmentResponse> {
    const slot = await this.findPlannableSlot(who, slotId);
    // A nurse the caller may not see is answered as unknown: its employer must not leak.
    const visible = await this.nursesService.isVisibleTo(who, nurseId);
    return this.inPersonTransaction(
      async (m) => this.assignInTransaction(m, who, slotId, nurseId, 'assign', undefined, visible),
      AssignmentsService.locksFor({ nurseId, slotId, contractId: slot.contractId, localDate: slot.localDate }),
      [nurseId],
    );
  }

  /**
   * Checks and writes one assignment inside the caller's transaction (also used by offers), which
   * must hold `locksFor` of it and the locks of the nurse's person (`inPersonTransaction`).
   */
  async assignInTransaction(
    m: EntityManager,
    who: Principal,
    slotId: string,
    nurseId: string,
    why: string,
    excludeAssignmentId?: string,
    nurseVisible = true,
  ): Promise<CreatedAssignmentResponse> {
    const slot = await this.slotsService.byId(slotId, m);
    // Removed meanwhile (a termination or template deletion committed first).
    if (!slot) throw new NotFoundError(`slot ${slotId} not found`);
    const nurse = nurseVisible ? await this.nursesService.byId(nurseId, m) : null;
    if (!nurse) {
      const conflicts = await this.checks.slotConflicts(m, slot);
      if (conflicts.length) throw new ConflictError(conflicts.map((v) => v.message).join('; '), conflicts);
      throw new RuleViolationError([unknownReference('nurse', nurseId)]);
    }
    const verdict = await this.checks.evaluate(m, slot, nurse, { excludeAssignmentId });
    if (verdict.conflicts.length) throw new ConflictError(verdict.conflicts.map((v) => v.message).join('; '), verdict.conflicts);
    if (verdict.violations.length) throw new RuleViolationError(verdict.violations);
    const warnings = await this.warningsFor(m, nurse, slot);
    const assignment = newAssignment(slot, nurseId, this.clock.now());
    await m.insert(AssignmentEntity, assignment);
    await this.slotsService.adjustAssignedCount(m, slotId, 1);
    await this.audit.append(
      m,
      who,
      'create',
      'assignment',
      assignment.id,
      `${why}: nurse ${nurseId} on slot ${slotId} (${slot.regionCode} ${slot.function} ${slot.localDate})`,
    );
    return { ...assignmentView(assignment, await this.zones.zoneOf(slot.regionCode, m)), warnings };
  }

  /**
   * What a coordinator should know about an assignment made by hand all the same: beyond the
   * nurse's contract hours in the slot's calendar week. Contract hours belong to one employment,
   * so the shifts of this nurse record count (in every region), not those of her other records.
   */
  private async warningsFor(m: EntityManager, nurse: NurseEntity, slot: SlotEntity): Promise<Warning[]> {
    const week = calendarWeekOf(slot.localDate);
    const duties = await this.rows.activeOfNurseOnDates(m, nurse.id, week.from, week.to);
    const duty = { localDate: slot.localDate, startMs: slot.startMs, endMs: slot.endMs, dutyType: slot.dutyType };
    const warning = contractHoursWarning({ contractMinutesPerWeek: nurse.contractMinutesPerWeek ?? null, duties, duty });
    return warning ? [warning] : [];
  }

  /**
   * Writes many assignments that the caller has already judged lawful together (an applied roster
   * plan), inside its transaction and under its locks: one insert and one audit statement per
   * chunk, one recount of the slots' counts.
   */
  async insertJudged(m: EntityManager, who: Principal, placements: { slot: SlotEntity; nurseId: string }[], why: string) {
    const now = this.clock.now();
    const rows = placements.map(({ slot, nurseId }) => newAssignment(slot, nurseId, now));
    await inChunks(rows, async (chunk) => [await m.insert(AssignmentEntity, chunk)], 50);
    await this.slotsService.setAssignedCounts(m, await this.rows.activeCountsOnSlots(m, [...new Set(rows.map((a) => a.slotId))]));
    await this.audit.appendMany(
      m,
      who,
      'create',
      'assignment',
      rows.map((a) => ({ entityId: a.id, summary: `${why}: nurse ${a.nurseId} on slot ${a.slotId} (${a.regionCode} ${a.function} ${a.localDate})` })),
    );
    const views = [];
    for (const a of rows) views.push(assignmentView(a, await this.zones.zoneOf(a.regionCode, m)));
    return views;
  }

  /** Active assignments on the slots, by start (inside the caller's transaction). */
  activeOnSlots(m: EntityManager, slotIds: string[]): Promise<AssignmentEntity[]> {
    return this.rows.activeOnSlots(m, slotIds);
  }

  /** Marks active assignments cancelled (the rows stay), keeps slot counts in step, audits each, tells the listeners. */
  async cancelInTransaction(m: EntityManager, who: Principal, assignments: AssignmentEntity[], reason: string) {
    if (assignments.length === 0) return;
    const now = this.clock.now();
    const ids = assignments.map((a) => a.id);
    await this.rows.cancel(m, ids, reason, now);
    await this.slotsService.setAssignedCounts(m, await this.rows.activeCountsOnSlots(m, [...new Set(assignments.map((a) => a.slotId))]));
    await this.audit.appendMany(
      m,
      who,
      'cancel',
      'assignment',
      assignments.map((a) => ({ entityId: a.id, summary: `${reason}: nurse ${a.nurseId} off slot ${a.slotId}` })),
    );
    for (const listener of this.cancelListeners) await listener(m, ids, now);
  }

  /**
   * Features that hold something on an assignment (offers) register here to close it, inside the
   * cancelling transaction, when the assignment is cancelled; assignments need not know them.
   */
  onCancelled(listener: CancelListener): void {
    this.cancelListeners.push(listener);
  }

  async unassign(who: Principal, id: string) {
    const found = await this.assignments.findOneBy({ id, status: 'active' });
    if (!found || !coordinates(who, found.regionCode)) throw new NotFoundError(`assignment ${id} not found`);
    await this.tx.run(async (m) => {
      const a = await m.findOneBy(AssignmentEntity, { id, status: 'active' });
      if (!a) throw new NotFoundError(`assignment ${id} not found`);
      await this.months.refuseClosed(m, [a]);
      await this.cancelInTransaction(m, who, [a], 'unassigned');
    }, AssignmentsService.locksFor(found));
  }

  /**
   * Replaces the nurse of an active assignment in one step: the old assignment is cancelled (its
   * offers with it) and the new nurse is judged and assigned as `assign` would, in one transaction,
   * so the slot is never empty in between and a refusal leaves the old assignment in place. The
   * cancelled assignment is no longer counted, so a full slot can be replaced.
   */
  async replace(who: Principal, id: string, nurseId: string): Promise<ReplaceAssignmentResponse> {
    const found = await this.assignments.findOneBy({ id });
    if (!found || !coordinates(who, found.regionCode)) throw new NotFoundError(`assignment ${id} not found`);
    if (!(await this.nursesService.isVisibleTo(who, nurseId))) throw new NotFoundError(`nurse ${nurseId} not found`);
    return this.inPersonTransaction(
      async (m) => {
        const replaced = await m.findOneBy(AssignmentEntity, { id });
        if (!replaced) throw new NotFoundError(`assignment ${id} not found`);
        if (replaced.status !== 'active') throw new ConflictError(`assignment ${id} is ${replaced.status}`, 'assignment-not-active');
        if (!(await this.nursesService.byId(nurseId, m))) throw new NotFoundError(`nurse ${nurseId} not found`);
        const onSlot = await this.rows.activeOnSlots(m, [replaced.slotId]);
        if (onSlot.some((a) => a.nurseId === nurseId)) throw new ConflictError(`nurse ${nurseId} is already on slot ${replaced.slotId}`, 'already-on-slot');
        await this.months.refuseClosed(m, [replaced]);
        await this.cancelInTransaction(m, who, [replaced], `replaced by nurse ${nurseId}`);
        const { warnings, ...assignment } = await this.assignInTransaction(m, who, replaced.slotId, nurseId, `replaces assignment ${replaced.id}`);
        return { assignment, replaced: { id: replaced.id, nurseId: replaced.nurseId, status: 'cancelled' as const }, warnings };
      },
      AssignmentsService.locksFor(found),
      [nurseId],
    );
  }

  /** Shifts of a nurse by local start date: the nurse itself, or a coordinator (its regions only). */
  async shiftsOf(who: Principal, nurseId: string, from: string, to: string): Promise<AssignmentResponse[]> {
    checkDateRange(from, to);
    if (who.role === 'nurse' && who.nurseId !== nurseId) throw new NotFoundError(`nurse ${nurseId} not found`);
    if (who.role === 'insurer') throw new ForbiddenError('an insurer does not read shifts');
    if (who.role === 'coordinator') await this.nursesService.findInScope(who, nurseId);
    const rows = await this.rows.activeOfNurseOnDates(this.assignments.manager, nurseId, from, to, who.role === 'coordinator' ? who.regionCodes : undefined);
    const result: AssignmentResponse[] = [];
    for (const a of rows) result.push(assignmentView(a, await this.zones.zoneOf(a.regionCode)));
    return result;
  }
}
