import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, MoreThanOrEqual } from 'typeorm';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import { AssignmentChecks } from '../assignments/assignment-checks.service.js';
import type { ContractEntity, FunctionCode } from '../contracts/contract.entity.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { PartiesService } from '../contracts/parties.service.js';
import { inChunks } from '../database/dialect.js';
import { addDays, placeLocal } from '../common/local-time.js';
import { MonthsService } from '../months/months.service.js';
import type { NurseEntity } from '../nurses/nurse.entity.js';
import { NursesService } from '../nurses/nurses.service.js';
import { worksIn } from '../nurses/nurse-regions.js';
import { personKeyOf } from '../nurses/person.js';
import { RegionZones } from '../reference/region-zones.service.js';
import type { SlotEntity } from '../roster/roster.entities.js';
import { SlotsService } from '../roster/slots.service.js';
import { RULE_HORIZON_MS } from '../working-time/working-time-rules.js';
import type { PlannerInput, PlannerPosition } from './planner/planner.js';
import { WishEntity } from './plan.entities.js';

export interface PlanScope {
  regionCode: string;
  from: string;
  to: string;
  functions: readonly FunctionCode[];
  /** Slots starting at or before this instant are left out. */
  cutMs: number;
  /** A repair plan: the active assignments of the slots in scope may be handed on. */
  repair?: boolean;
  /** How far beyond her contract share a nurse may be planned, in percent. */
  overtimePct?: number;
}

/** What a plan is made from, loaded in one go, and a digest of everything it rests on. */
export interface LoadedPlanInput {
  zone: string;
  input: PlannerInput;
  contracts: ContractEntity[];
  /** Every slot in scope (full ones too), for the summary's position counts. */
  slots: SlotEntity[];
  nurses: Map<string, NurseEntity>;
  /**
   * Each candidate's person (`personKeyOf`): records with one BIG number are one person, whose
   * duties every rule counts together. Each nurse's `duties` already hold those of all her
   * records; two candidates of one person share one key, and so must share one timeline.
   */
  personKeys: Map<string, string>;
  fingerprint: string;
}

/**
 * Loads a plan's input: the region's contracts for the functions, their slots in the period that
 * start after the cut and lie in no closed month, the responsible parties' nurses who work in the
 * region (`regionCodes`) with their person's duties around the period (every region, every record
 * with her BIG number), absences and wishes. The fingerprint digests all of it but the wishes
 * (soft, and nobody's business), so that applying can tell whether the region changed since the
 * plan was made.
 */
@Injectable()
export class PlanInputLoader {
  constructor(
    private readonly zones: RegionZones,
    private readonly parties: PartiesService,
    private readonly months: MonthsService,
    private readonly checks: AssignmentChecks,
    private readonly rows: AssignmentsRepository,
    private readonly contracts: ContractsService,
    private readonly nurses: NursesService,
    private readonly slots: SlotsService,
  ) {}

  /** The scope's contracts (valid in the period) and each one's responsible party's employers. */
  private async contractsOf(m: EntityManager, scope: PlanScope) {
    const relevant = (await this.contracts.ofRegion(scope.regionCode, m))
      .filter((c) => scope.functions.includes(c.function) && c.validFrom <= scope.to && (c.validTo === null || c.validTo >= scope.from))
      .sort(byId);
    const employers = new Map<string, string[]>();
    for (const c of relevant) employers.set(c.id, (await this.parties.employerAgbs(c, m)).sort());
    return { relevant, employers };
  }

  /** The candidate nurses of a scope, without their duties (what applying a plan must lock). */
  async candidateNurseIds(m: EntityManager, scope: PlanScope): Promise<string[]> {
    const { employers } = await this.contractsOf(m, scope);
    const agbs = [...new Set([...employers.values()].flat())];
    if (!agbs.length) return [];
    const nurses = await this.nurses.employedBy(agbs, m);
    return nurses
      .filter((n) => worksIn(n, scope.regionCode))
      .map((n) => n.id)
      .sort();
  }

  async load(m: EntityManager, scope: PlanScope): Promise<LoadedPlanInput> {
    const zone = await this.zones.zoneOf(scope.regionCode, m);
    const { relevant, employers } = await this.contractsOf(m, scope);
    const closed = new Map<string, Set<string>>();
    for (const c of relevant) closed.set(c.id, await this.months.closedMonthsOf(m, c.id));
    const allSlots = relevant.length
      ? await this.slots.ofContractsFrom(
          relevant.map((c) => c.id),
          scope.from,
          m,
        )
      : [];
    const slots = allSlots
      .filter((s) => s.localDate <= scope.to && s.startMs > scope.cutMs && !closed.get(s.contractId)?.has(s.localDate.slice(0, 7)))
      .sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1));
    const agbs = [...new Set([...employers.values()].flat())].sort();
    const nurseRows = (await this.nurses.employedBy(agbs, m)).filter((n) => worksIn(n, scope.regionCode)).sort(byId);
    const ids = nurseRows.map((n) => n.id);
    const fromMs = placeLocal(scope.from, '00:00', zone);
    const toMs = placeLocal(addDays(scope.to, 1), '00:00', zone);
    const timelines = await this.checks.timelinesOf(m, ids, fromMs - RULE_HORIZON_MS, toMs + RULE_HORIZON_MS);
    const absences = await this.rows.absencesOf(m, ids);
    const wishes = ids.length
      ? await inChunks(ids, (chunk) =>
          m.find(WishEntity, { where: { nurseId: In(chunk), localDate: MoreThanOrEqual(scope.from) }, order: { localDate: 'ASC' } }),
        )
      : [];
    // A repair plan also sees the full slots: their assignments may be handed to another nurse.
    const positions: PlannerPosition[] = slots
      .filter((s) => scope.repair || s.assignedCount < s.requiredNurses)
      .map((s) => ({
        slotId: s.id,
        contractId: s.contractId,
        function: s.function,
        localDate: s.localDate,
        startMs: s.startMs,
        endMs: s.endMs,
        dutyType: s.dutyType,
        requiredQualifications: s.requiredQualifications,
        zone,
        open: Math.max(0, s.requiredNurses - s.assignedCount),
        employerAgbs: employers.get(s.contractId) ?? [],
        closedMonths: closed.get(s.contractId),
      }));
    const inScope = new Set(slots.map((s) => s.id));
    const movable = scope.repair
      ? nurseRows.flatMap((n) =>
          (timelines.get(n.id)?.all() ?? [])
            .filter((d) => d.id !== undefined && d.slotId !== undefined && inScope.has(d.slotId) && (d.nurseId === undefined || d.nurseId === n.id))
            .map((d) => ({ assignmentId: d.id as string, slotId: d.slotId as string, nurseId: n.id })),
        )
      : [];
    const input: PlannerInput = {
      from: scope.from,
      to: scope.to,
      overtimePct: scope.overtimePct ?? 0,
      repair: scope.repair ?? false,
      movable,
      positions,
      nurses: nurseRows.map((n) => ({
        id: n.id,
        personKey: personKeyOf(n),
        name: n.name,
        employerAgb: n.employerAgb,
        qualifications: n.qualifications,
        contractMinutesPerWeek: n.contractMinutesPerWeek ?? null,
        duties: timelines.get(n.id)?.all() ?? [],
        absences: (absences.get(n.id) ?? []).map((a) => ({ fromDate: a.fromDate, toDate: a.toDate, reason: a.reason })),
        wishes: wishes.filter((w) => w.nurseId === n.id && w.localDate <= scope.to).map((w) => w.localDate),
      })),
    };
    const basis = {
      contracts: relevant.map((c) => [
        c.id,
        c.validFrom,
        c.validTo,
        c.terminatedAt,
        c.partyType,
        c.partyAgb,
        c.partyConsortiumId,
        employers.get(c.id),
        [...(closed.get(c.id) ?? [])].sort(),
      ]),
      slots: slots.map((s) => [s.id, s.startMs, s.endMs, s.requiredNurses, s.assignedCount, s.requiredQualifications, s.dutyType]),
      nurses: nurseRows.map((n) => [n.id, n.employerAgb, n.qualifications, n.contractMinutesPerWeek ?? null]),
      duties: ids.map((id) => [id, (timelines.get(id)?.all() ?? []).map((d) => [d.id ?? '', d.startMs, d.endMs])]),
      absences: ids.map((id) => [id, (absences.get(id) ?? []).map((a) => [a.id, a.fromDate, a.toDate])]),
    };
    return {
      zone,
      input,
      contracts: relevant,
      slots,
      nurses: new Map(nurseRows.map((n) => [n.id, n])),
      personKeys: new Map(nurseRows.map((n) => [n.id, personKeyOf(n)])),
      fingerprint: createHash('sha256').update(JSON.stringify(basis)).digest('hex'),
    };
  }
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
