import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AssignmentsService } from '../../assignments/assignments.service.js';
import { judgeAssignment } from '../../assignments/verdict.js';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/clock.js';
import { BadInputError, ConflictError, NotFoundError, RuleViolationError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import { daysBetween, formatInstant } from '../../common/local-time.js';
import { RegionZones } from '../../reference/region-zones.service.js';
import { Locks, type LockKey } from '../../database/locks.js';
import { coordinates, type Principal } from '../../common/principal.js';
import { Transactions } from '../../database/transactions.js';
import { ContractEntity, FUNCTIONS, type FunctionCode } from '../../contracts/contract.entity.js';
import { RegionEntity } from '../../reference/reference.entities.js';
import { NurseTimeline } from '../../working-time/timeline.js';
import type { Duty } from '../../working-time/working-time-rules.js';
import { planRoster } from '../planner/planner.js';
import { PlanInputLoader, type LoadedPlanInput, type PlanScope } from './plan-input.js';
import { type PlanBody, RosterPlanEntity } from './plan.entities.js';

/** A plan may be applied for this long after it was made. */
export const PLAN_LIFETIME_MS = 24 * 3_600_000;
/** The longest period of one plan: `from` and `to` at most this many days apart. */
export const MAX_PLAN_DAYS_APART = 62;

export interface ProposePlan {
  regionCode: string;
  from: string;
  to: string;
  functions?: FunctionCode[];
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
  ) {}

  async propose(who: Principal, dto: ProposePlan) {
    const m = this.dataSource.manager;
    const region = await m.findOneBy(RegionEntity, { code: dto.regionCode });
    if (!region || !coordinates(who, dto.regionCode)) throw new NotFoundError(`region ${dto.regionCode} not found`);
    if (dto.to < dto.from) throw new BadInputError('to must not be before from');
    if (daysBetween(dto.from, dto.to) > MAX_PLAN_DAYS_APART) {
      throw new RuleViolationError([{ rule: 'period-too-long', message: `from and to may be at most ${MAX_PLAN_DAYS_APART} days apart` }]);
    }
    const functions = dto.functions?.length
      ? [...new Set(dto.functions)].sort(byFunction)
      : await this.contractedFunctions(m, dto.regionCode, dto.from, dto.to);
    const now = this.clock.now();
    const scope: PlanScope = { regionCode: dto.regionCode, from: dto.from, to: dto.to, functions, cutMs: now };
    const loaded = await this.loader.load(m, scope);
    const plan = planRoster(loaded.input);
    const body = this.bodyOf(loaded, plan);
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
        `plan for ${dto.regionCode} ${dto.from}..${dto.to}: ${body.summary.proposed} proposed, ${body.summary.unfilled} unfilled`,
      );
    });
    return this.view(entity);
  }

  async get(who: Principal, id: string) {
    return this.view(await this.findInScope(who, id));
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

  async apply(who: Principal, id: string) {
    const found = await this.findInScope(who, id);
    this.refuseClosed(found);
    const nurseIds = await this.candidateNurseIds(found);
    const contracts = await this.dataSource.manager.find(ContractEntity, { where: { regionCode: found.regionCode }, select: { id: true } });
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
      });
      if (loaded.fingerprint !== plan.fingerprint) throw stale('the region changed since the plan was made; make a new plan');
      // Re-checked as a whole, proposal after proposal, with the same judgement as one assignment.
      const timelines = new Map(loaded.input.nurses.map((n) => [n.id, new NurseTimeline(n.duties)]));
      const taken = new Map<string, number>();
      const slots = new Map(loaded.slots.map((s) => [s.id, s]));
      const nurses = new Map(loaded.input.nurses.map((n) => [n.id, n]));
      const positions = new Map(loaded.input.positions.map((x) => [x.slotId, x]));
      const placements = [];
      for (const p of plan.body.proposals) {
        const slot = slots.get(p.slotId);
        const nurse = nurses.get(p.nurseId);
        const position = positions.get(p.slotId);
        if (!slot || !nurse || !position) throw stale(`slot ${p.slotId} or nurse ${p.nurseId} is no longer part of the plan's region`);
        const timeline = timelines.get(nurse.id) as NurseTimeline;
        const verdict = judgeAssignment({
          slot: { ...position, requiredNurses: slot.requiredNurses, assignedCount: slot.assignedCount + (taken.get(slot.id) ?? 0) },
          nurse,
          employerAgbs: position.employerAgbs,
          closedMonths: position.closedMonths ?? new Set(),
          absences: nurse.absences,
          timeline,
        });
        const broken = [...verdict.conflicts, ...verdict.violations];
        if (broken.length) throw stale(`nurse ${nurse.id} on slot ${slot.id}: ${broken.map((v) => v.message).join('; ')}`);
        const duty: Duty = { startMs: slot.startMs, endMs: slot.endMs, dutyType: slot.dutyType, localDate: slot.localDate, zone: loaded.zone };
        timeline.add(duty);
        taken.set(slot.id, (taken.get(slot.id) ?? 0) + 1);
        placements.push({ slot, nurseId: nurse.id });
      }
      const created = await this.assignments.insertJudged(m, who, placements, `roster plan ${id}`);
      await m.update(RosterPlanEntity, { id }, { status: 'applied', closedAt: this.clock.now() });
      await this.audit.append(
        m,
        who,
        'apply',
        'roster-plan',
        id,
        `plan for ${plan.regionCode} ${plan.from}..${plan.to} applied: ${created.length} assignments`,
      );
      return { id, status: 'applied' as const, created };
    }, locks);
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
    const contracts = await m.find(ContractEntity, { where: { regionCode } });
    const fns = contracts.filter((c) => c.validFrom <= to && (c.validTo === null || c.validTo >= from)).map((c) => c.function);
    return [...new Set(fns)].sort(byFunction);
  }

  private bodyOf(loaded: LoadedPlanInput, plan: ReturnType<typeof planRoster>): PlanBody {
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
      proposals: plan.proposals.map((p) => {
        const { durationMinutes, ...rest } = shift(p.slotId);
        return { slotId: p.slotId, nurseId: p.nurseId, nurseName: loaded.nurses.get(p.nurseId)?.name ?? '', ...rest, durationMinutes };
      }),
      unfilled: plan.unfilled.map((u) => {
        const { function: fn, localDate, start, end } = shift(u.slotId);
        return { slotId: u.slotId, function: fn, localDate, start, end, missing: u.missing, reasons: u.reasons };
      }),
      summary: {
        positions,
        positionMinutes,
        coveredMinutesBefore: coveredBefore,
        coveredMinutesAfter: coveredBefore + plan.proposedMinutes,
        proposed: plan.proposals.length,
        unfilled: plan.unfilled.reduce((sum, u) => sum + u.missing, 0),
        wishesHonoured: plan.wishesHonoured,
        wishesOverridden: plan.wishesOverridden,
      },
      nurses: plan.nurses.map((n) => ({
        nurseId: n.nurseId,
        name: loaded.nurses.get(n.nurseId)?.name ?? '',
        contractMinutesPerWeek: loaded.nurses.get(n.nurseId)?.contractMinutesPerWeek ?? null,
        minutesBefore: n.minutesBefore,
        minutesProposed: n.minutesProposed,
        nightsProposed: n.nightsProposed,
        weekendDutiesProposed: n.weekendDutiesProposed,
      })),
    };
  }

  private async view(plan: RosterPlanEntity) {
    const expired = plan.status === 'proposed' && this.clock.now() >= plan.expiresAt;
    const zone = await this.zones.zoneOf(plan.regionCode);
    return {
      id: plan.id,
      regionCode: plan.regionCode,
      from: plan.from,
      to: plan.to,
      functions: plan.functions,
      status: expired ? ('expired' as const) : plan.status,
      createdAt: formatInstant(plan.createdAt, zone),
      expiresAt: formatInstant(plan.expiresAt, zone),
      ...plan.body,
    };
  }
}

function stale(message: string): ConflictError {
  return new ConflictError(message, [{ rule: 'plan-stale', message }]);
}

function byFunction(a: FunctionCode, b: FunctionCode): number {
  return FUNCTIONS.indexOf(a) - FUNCTIONS.indexOf(b);
}
