import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AssignmentsService } from '../assignments/assignments.service.js';
import { judgeAssignment } from '../assignments/verdict.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { BadInputError, ConflictError, NotFoundError, RuleViolationError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { daysBetween, formatInstant } from '../common/local-time.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { Locks, type LockKey } from '../database/locks.js';
import { coordinates, type Principal } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { FUNCTIONS, type FunctionCode } from '../contracts/contract.entity.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { NurseTimeline } from '../working-time/timeline.js';
import type { Duty } from '../working-time/working-time-rules.js';
import type { Plan, PlannerNurse, PlannerPosition } from './planner/planner.js';
import { type Pausable, runInSlices } from '../common/slices.js';
import type { SlotEntity } from '../roster/roster.entities.js';
import { PlannerPool } from './planner-pool.js';
import { PlanInputLoader, type LoadedPlanInput, type PlanScope } from './plan-input.js';
import { type PlanBody, RosterPlanEntity } from './plan.entities.js';
import type {
  AppliedPlanResponse,
  PlanNurseResponse,
  PlanProposalResponse,
  PlanSummaryResponse,
  PlanUnfilledResponse,
  RosterPlanResponse,
} from './roster-plan.response.js';

/** A plan may be applied for this long after it was made. */
export const PLAN_LIFETIME_MS = 24 * 3_600_000;
/** The longest period of one plan: `from` and `to` at most this many days apart. */
export const MAX_PLAN_DAYS_APART = 62;

export interface ProposePlan {
  regionCode: string;
  from: string;
  to: string;
  functions?: FunctionCode[];
  overtimePct?: number;
  repair?: boolean;
}

/** What a stored plan was made with (kept in its body; plans made before these existed had neither). */
interface PlanOptions {
  overtimePct: number;
  repair: boolean;
}

/**
 * Roster plans: propose (the pure planner over the region's open positions), read, discard, and
 * apply — every proposal becomes an assignment in one transaction, re-checked, refused whole when
 * anything the plan rests on changed since it was made.
 */
@Injectable()
export class RosterPlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly loader: PlanInputLoader,
    private readonly assignments: AssignmentsService,
    private readonly zones: RegionZones,
    private readonly planner: PlannerPool,
    private readonly contracts: ContractsService,
    private readonly reference: ReferenceService,
  ) {}

  async propose(who: Principal, dto: ProposePlan) {
    const m = this.dataSource.manager;
    const region = await this.reference.regionByCode(dto.regionCode, m);
    if (!region || !coordinates(who, dto.regionCode)) throw new NotFoundError(`region ${dto.regionCode} not found`);
    if (dto.to < dto.from) throw new BadInputError('to must not be before from');
    if (daysBetween(dto.from, dto.to) > MAX_PLAN_DAYS_APART) {
      throw new RuleViolationError([{ rule: 'period-too-long', message: `from and to may be at most ${MAX_PLAN_DAYS_APART} days apart` }]);
    }
    const functions = dto.functions?.length
      ? [...new Set(dto.functions)].sort(byFunction)
      : await this.contractedFunctions(m, dto.regionCode, dto.from, dto.to);
    const now = this.clock.now();
    const options: PlanOptions = { overtimePct: dto.overtimePct ?? 0, repair: dto.repair ?? false };
    const scope: PlanScope = { regionCode: dto.regionCode, from: dto.from, to: dto.to, functions, cutMs: now, ...options };
    const loaded = await this.loader.load(m, scope);
    const plan = await this.planner.plan(loaded.input);
    const body = this.bodyOf(loaded, plan, options);
    const entity = Object.assign(new RosterPlanEntity(), {
      id: newId(),
      regionCode: dto.regionCode,
      from: dto.from,
      to: dto.to,
      functions,
      status: 'proposed' as const,
      createdBy: who.userId,
      createdAt: now,
      expiresAt: now + PLAN_LIFETIME_MS,
      closedAt: null,
      fingerprint: loaded.fingerprint,
      body,
    });
    await this.tx.run(async (tm) => {
      await tm.insert(RosterPlanEntity, entity);
      await this.audit.append(
        tm,
        who,
        'create',
        'roster-plan',
        entity.id,
        `${options.repair ? 'repair plan' : 'plan'} for ${dto.regionCode} ${dto.from}..${dto.to}: ${body.summary.proposed} proposed (${body.summary.changed} hand-overs), ${body.summary.unfilled} unfilled`,
      );
    });
    return this.view(entity);
  }

  async get(who: Principal, id: string): Promise<RosterPlanResponse> {
    return this.view(await this.findInScope(who, id));
  }

  /** A region's plans, newest first (what a coordinator reopens after a reload), at most 50. */
  async list(who: Principal, regionCode: string, status?: RosterPlanResponse['status']): Promise<RosterPlanResponse[]> {
    if (!coordinates(who, regionCode)) throw new NotFoundError(`region ${regionCode} not found`);
    const rows = await this.dataSource.manager.find(RosterPlanEntity, { where: { regionCode }, order: { createdAt: 'DESC', id: 'DESC' }, take: 200 });
    const views: RosterPlanResponse[] = [];
    for (const row of rows) {
      const view = await this.view(row);
      if (status === undefined || view.status === status) views.push(view);
      if (views.length === 50) break;
    }
    return views;
  }

  async discard(who: Principal, id: string): Promise<void> {
    await this.findInScope(who, id);
    await this.tx.run(
      async (m) => {
        const plan = await m.findOneByOrFail(RosterPlanEntity, { id });
        if (plan.status === 'applied') throw new ConflictError(`plan ${id} was applied`, [{ rule: 'plan-applied', message: 'the plan was applied' }]);
        if (plan.status === 'discarded') return;
        await m.update(RosterPlanEntity, { id }, { status: 'discarded', closedAt: this.clock.now() });
        await this.audit.append(m, who, 'discard', 'roster-plan', id, `plan for ${plan.regionCode} ${plan.from}..${plan.to} discarded`);
      },
      [Locks.rosterPlan(id)],
    );
  }

  async apply(who: Principal, id: string): Promise<AppliedPlanResponse> {
    const found = await this.findInScope(who, id);
    this.refuseClosed(found);
    const nurseIds = await this.candidateNurseIds(found);
    const contracts = await this.contracts.ofRegion(found.regionCode);
    // Exclusive on the region's rosters: no single assignment, template change or finalize of
    // these contracts runs meanwhile; the nurses' locks hold off changes through other regions.
    const locks: LockKey[] = [Locks.rosterPlan(id), ...contracts.map((c) => Locks.contractRoster(c.id, 'exclusive')), ...nurseIds.map((n) => Locks.nurse(n))];
    return this.tx.run(async (m) => {
      const plan = await m.findOneByOrFail(RosterPlanEntity, { id });
      this.refuseClosed(plan);
      const loaded = await this.loader.load(m, {
        regionCode: plan.regionCode,
        from: plan.from,
        to: plan.to,
        functions: plan.functions as FunctionCode[],
        cutMs: plan.createdAt,
        ...optionsOf(plan),
      });
      if (loaded.fingerprint !== plan.fingerprint) throw stale('the region changed since the plan was made; make a new plan');
      // Re-checked as a whole, proposal after proposal, with the same judgement as one assignment.
      // A hand-over (repair plans) first takes the replaced assignment out of its nurse's timeline
      // and then judges the new nurse as replacing does: a full slot is no reason.
      // One timeline per person: records with one BIG number are judged with each other's duties.
      const byPerson = new Map<string, NurseTimeline>();
      const timelines = new Map(
        loaded.input.nurses.map((n) => {
          const key = n.personKey ?? n.id;
          let timeline = byPerson.get(key);
          if (!timeline) byPerson.set(key, (timeline = new NurseTimeline(n.duties)));
          return [n.id, timeline];
        }),
      );
      const taken = new Map<string, number>();
      const slots = new Map(loaded.slots.map((s) => [s.id, s]));
      const nurses = new Map(loaded.input.nurses.map((n) => [n.id, n]));
      const positions = new Map(loaded.input.positions.map((x) => [x.slotId, x]));
      const replaced = new Map<string, string>();
      for (const p of plan.body.proposals) {
        if (!p.replacesAssignmentId) continue;
        const holder = loaded.input.movable?.find((x) => x.assignmentId === p.replacesAssignmentId && x.slotId === p.slotId);
        const duty =
          holder &&
          timelines
            .get(holder.nurseId)
            ?.all()
            .find((d) => d.id === p.replacesAssignmentId);
        if (!holder || !duty) throw stale(`assignment ${p.replacesAssignmentId} is no longer on slot ${p.slotId}`);
        timelines.get(holder.nurseId)?.remove(duty);
        replaced.set(p.replacesAssignmentId, holder.nurseId);
      }
      const placements = await runInSlices(this.judged(plan.body.proposals, { slots, nurses, positions, timelines, taken, zone: loaded.zone }));
      const cancelled = [...replaced.keys()];
      if (cancelled.length) {
        const rows = (await this.assignments.activeOnSlots(m, [...new Set(plan.body.proposals.map((p) => p.slotId))])).filter((a) => replaced.has(a.id));
        if (rows.length !== cancelled.length) throw stale('an assignment the plan hands over was changed meanwhile');
        await this.assignments.cancelInTransaction(m, who, rows, `roster plan ${id}: handed over`);
      }
      const created = await this.assignments.insertJudged(m, who, placements, `roster plan ${id}`);
      await m.update(RosterPlanEntity, { id }, { status: 'applied', closedAt: this.clock.now() });
      await this.audit.append(
        m,
        who,
        'apply',
        'roster-plan',
        id,
        `plan for ${plan.regionCode} ${plan.from}..${plan.to} applied: ${created.length} assignments${cancelled.length ? `, ${cancelled.length} handed over` : ''}`,
      );
      const applied: AppliedPlanResponse = { id, status: 'applied', created, cancelled };
      return applied;
    }, locks);
  }

  /**
   * The proposals judged one after another against the timelines (each placement added before the
   * next is judged), pausing between them: a plan of thousands of proposals is re-checked in slices
   * of a few milliseconds, inside the apply's transaction, so other requests are answered meanwhile.
   */
  private *judged(
    proposals: PlanBody['proposals'],
    facts: {
      slots: Map<string, SlotEntity>;
      nurses: Map<string, PlannerNurse>;
      positions: Map<string, PlannerPosition>;
      timelines: Map<string, NurseTimeline>;
      taken: Map<string, number>;
      zone: string;
    },
  ): Pausable<{ slot: SlotEntity; nurseId: string }[]> {
    const placements: { slot: SlotEntity; nurseId: string }[] = [];
    for (const p of proposals) {
      yield;
      const slot = facts.slots.get(p.slotId);
      const nurse = facts.nurses.get(p.nurseId);
      const position = facts.positions.get(p.slotId);
      if (!slot || !nurse || !position) throw stale(`slot ${p.slotId} or nurse ${p.nurseId} is no longer part of the plan's region`);
      const timeline = facts.timelines.get(nurse.id) as NurseTimeline;
      const handover = p.replacesAssignmentId !== undefined;
      const verdict = judgeAssignment({
        slot: { ...position, requiredNurses: slot.requiredNurses, assignedCount: slot.assignedCount + (facts.taken.get(slot.id) ?? 0) },
        nurse,
        employerAgbs: position.employerAgbs,
        closedMonths: position.closedMonths ?? new Set(),
        absences: nurse.absences,
        timeline,
        ignoreSlotFull: handover,
      });
      const broken = [...verdict.conflicts, ...verdict.violations];
      if (broken.length) throw stale(`nurse ${nurse.id} on slot ${slot.id}: ${broken.map((v) => v.message).join('; ')}`);
      const duty: Duty = { startMs: slot.startMs, endMs: slot.endMs, dutyType: slot.dutyType, localDate: slot.localDate, zone: facts.zone };
      timeline.add(duty);
      if (!handover) facts.taken.set(slot.id, (facts.taken.get(slot.id) ?? 0) + 1);
      placements.push({ slot, nurseId: nurse.id });
    }
    return placements;
  }

  private refuseClosed(plan: RosterPlanEntity): void {
    if (plan.status === 'applied')
      throw new ConflictError(`plan ${plan.id} was applied before`, [{ rule: 'plan-applied', message: 'the plan was applied before' }]);
    if (plan.status === 'discarded') throw new ConflictError(`plan ${plan.id} was discarded`, [{ rule: 'plan-expired', message: 'the plan was discarded' }]);
    if (this.clock.now() >= plan.expiresAt)
      throw new ConflictError(`plan ${plan.id} has expired`, [{ rule: 'plan-expired', message: 'the plan expired 24 h after it was made' }]);
  }

  private async findInScope(who: Principal, id: string): Promise<RosterPlanEntity> {
    const plan = await this.dataSource.manager.findOneBy(RosterPlanEntity, { id });
    if (!plan || !coordinates(who, plan.regionCode)) throw new NotFoundError(`roster plan ${id} not found`);
    return plan;
  }

  /** The nurses a plan's region draws on (its responsible parties' employees), for the apply locks. */
  private candidateNurseIds(plan: RosterPlanEntity): Promise<string[]> {
    const scope = { regionCode: plan.regionCode, from: plan.from, to: plan.to, functions: plan.functions as FunctionCode[], cutMs: plan.createdAt };
    return this.loader.candidateNurseIds(this.dataSource.manager, scope);
  }

  private async contractedFunctions(m: EntityManager, regionCode: string, from: string, to: string): Promise<FunctionCode[]> {
    const contracts = await this.contracts.ofRegion(regionCode, m);
    const fns = contracts.filter((c) => c.validFrom <= to && (c.validTo === null || c.validTo >= from)).map((c) => c.function);
    return [...new Set(fns)].sort(byFunction);
  }

  private bodyOf(loaded: LoadedPlanInput, plan: Plan, options: PlanOptions): PlanBody {
    const { zone } = loaded;
    const slots = new Map(loaded.slots.map((s) => [s.id, s]));
    const minutes = (s: { startMs: number; endMs: number }) => Math.round((s.endMs - s.startMs) / 60_000);
    let positions = 0;
    let positionMinutes = 0;
    let coveredBefore = 0;
    for (const s of loaded.slots) {
      positions += s.requiredNurses;
      positionMinutes += s.requiredNurses * minutes(s);
      coveredBefore += Math.min(s.assignedCount, s.requiredNurses) * minutes(s);
    }
    const shift = (slotId: string) => {
      const s = slots.get(slotId) as (typeof loaded.slots)[number];
      return {
        function: s.function,
        localDate: s.localDate,
        start: formatInstant(s.startMs, zone),
        end: formatInstant(s.endMs, zone),
        durationMinutes: minutes(s),
      };
    };
    return {
      ...options,
      proposals: plan.proposals.map((p): PlanProposalResponse => {
        const { durationMinutes, ...rest } = shift(p.slotId);
        return {
          slotId: p.slotId,
          nurseId: p.nurseId,
          nurseName: loaded.nurses.get(p.nurseId)?.name ?? '',
          ...rest,
          durationMinutes,
          ...(p.replacesAssignmentId ? { replacesAssignmentId: p.replacesAssignmentId } : {}),
        };
      }),
      unfilled: plan.unfilled.map((u): PlanUnfilledResponse => {
        const { function: fn, localDate, start, end } = shift(u.slotId);
        return { slotId: u.slotId, function: fn, localDate, start, end, missing: u.missing, reasons: u.reasons };
      }),
      summary: {
        positions,
        positionMinutes,
        coveredMinutesBefore: coveredBefore,
        coveredMinutesAfter: coveredBefore + plan.proposedMinutes,
        proposed: plan.proposals.length,
        changed: plan.changedAssignments,
        unfilled: plan.unfilled.reduce((sum, u) => sum + u.missing, 0),
        wishesHonoured: plan.wishesHonoured,
        wishesOverridden: plan.wishesOverridden,
      },
      nurses: plan.nurses.map((n): PlanNurseResponse => ({
        nurseId: n.nurseId,
        name: loaded.nurses.get(n.nurseId)?.name ?? '',
        contractMinutesPerWeek: loaded.nurses.get(n.nurseId)?.contractMinutesPerWeek ?? null,
        minutesBefore: n.minutesBefore,
        minutesProposed: n.minutesProposed,
        nightsProposed: n.nightsProposed,
        weekendDutiesProposed: n.weekendDutiesProposed,
        onCallBlocksProposed: n.onCallBlocksProposed,
        overtimeMinutes: n.overtimeMinutes,
      })),
    };
  }

  private async view(plan: RosterPlanEntity): Promise<RosterPlanResponse> {
    const expired = plan.status === 'proposed' && this.clock.now() >= plan.expiresAt;
    const zone = await this.zones.zoneOf(plan.regionCode);
    return {
      id: plan.id,
      regionCode: plan.regionCode,
      from: plan.from,
      to: plan.to,
      functions: plan.functions,
      status: expired ? 'expired' : plan.status,
      createdAt: formatInstant(plan.createdAt, zone),
      expiresAt: formatInstant(plan.expiresAt, zone),
      ...plan.body,
      ...optionsOf(plan),
      // Plans made before these figures existed answer them as 0.
      summary: { ...plan.body.summary, changed: (plan.body.summary as Partial<PlanSummaryResponse>).changed ?? 0 },
      nurses: plan.body.nurses.map((n: Partial<PlanNurseResponse> & PlanNurseResponse) => ({
        ...n,
        onCallBlocksProposed: n.onCallBlocksProposed ?? 0,
        overtimeMinutes: n.overtimeMinutes ?? 0,
      })),
    };
  }
}

function optionsOf(plan: RosterPlanEntity): PlanOptions {
  return { overtimePct: plan.body.overtimePct ?? 0, repair: plan.body.repair ?? false };
}

function stale(message: string): ConflictError {
  return new ConflictError(message, [{ rule: 'plan-stale', message }]);
}

function byFunction(a: FunctionCode, b: FunctionCode): number {
  return FUNCTIONS.indexOf(a) - FUNCTIONS.indexOf(b);
}
