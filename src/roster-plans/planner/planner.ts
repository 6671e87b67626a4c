import type { RuleCode } from '../../common/codes.js';
import { addDays, daysBetween } from '../../common/local-time.js';
import { type AbsenceFacts, judgeAssignment, type SlotFacts } from '../../assignments/verdict.js';
import { NurseTimeline } from '../../working-time/timeline.js';
import { type Duty, type DutyType, isNightShift } from '../../working-time/working-time-rules.js';
import {
  compareOutcomes,
  compareRatio,
  FULL_TIME_MINUTES_PER_WEEK,
  type Outcome,
  overtimeMinutes,
  PLAN_OBJECTIVE,
  REPAIR_OBJECTIVE,
  shareOf,
  type Tally,
  type Term,
  withinContractHours,
} from './objective.js';

/**
 * The roster planner: a region's open positions for a period and its nurses in, a plan out. Pure
 * and deterministic (no clock, no randomness, no I/O); every placement is judged by the same
 * `judgeAssignment` that guards POST /api/slots/:id/assignments, against the nurse's timeline with
 * her existing duties and every placement made so far, so the plan is lawful as a whole; and no
 * nurse is planned beyond her contract hours plus the plan's overtime (domain.md).
 *
 * What it optimises is written once, in `objective.ts` (coverage; for a repair plan the fewest
 * changed assignments; the relative loads largest first; nights, on-call blocks and weekend
 * duties the same way; wishes): every choice below asks `compareOutcomes` about the nurses a move
 * touches, which orders whole plans exactly as comparing every nurse would.
 *
 * Method: a greedy pass (the most constrained positions first, each to the nurse the objective
 * prefers), then ejection chains that place an unfilled position by moving placements that block
 * it to other nurses (coverage only ever grows), exact branch-and-bound searches over a few nurses
 * at a time, and a local search of relocations, swaps and exchanges that keep the coverage and
 * improve the rest of the objective. The searches stop after counted numbers of judgements and
 * moves, not timed ones, so the same input gives the same plan on any machine.
 */

/** @deprecated The full-time week lives in objective.ts; kept for the oracle's imports. */
export const DEFAULT_CONTRACT_MINUTES_PER_WEEK = FULL_TIME_MINUTES_PER_WEEK;

export interface PlannerPosition {
  slotId: string;
  contractId: string;
  function: string;
  localDate: string;
  startMs: number;
  endMs: number;
  dutyType: DutyType;
  requiredQualifications: readonly string[];
  zone: string;
  /** Nurses still missing on the slot (required minus assigned); 0 for a full slot a repair plan may rearrange. */
  open: number;
  /** Providers whose nurses may staff the slot (the contract's responsible party). */
  employerAgbs: readonly string[];
  /** The contract's closed months (YYYY-MM); a planner input normally holds no slot in one. */
  closedMonths?: ReadonlySet<string>;
}

export interface PlannerNurse {
  id: string;
  name: string;
  employerAgb: string;
  qualifications: readonly string[];
  /** Contract hours per week in minutes; null: the full-time week; 0: gets nothing. */
  contractMinutesPerWeek: number | null;
  /**
   * Her active duties, at least the rule horizon around the period (any region). Records of one
   * person (`personKey`) carry the same duties: the rules count them all.
   */
  duties: readonly Duty[];
  absences: readonly AbsenceFacts[];
  /** Local dates on which she would rather not start a duty. */
  wishes: readonly string[];
  /**
   * The person (nurse records with the same BIG number are one person): records of one person
   * share one timeline in the plan. Absent: the record is a person of its own.
   */
  personKey?: string;
}

/** An existing assignment a repair plan may hand to another nurse (its duty is in the nurse's duties, by id). */
export interface MovableAssignment {
  assignmentId: string;
  slotId: string;
  nurseId: string;
}

export interface PlannerInput {
  /** The period, local dates, inclusive. */
  from: string;
  to: string;
  positions: readonly PlannerPosition[];
  nurses: readonly PlannerNurse[];
  /** How far beyond her contract share over the period a nurse may be planned, in percent (0–50). */
  overtimePct?: number;
  /** A repair plan: it may also hand the `movable` assignments to other nurses. */
  repair?: boolean;
  movable?: readonly MovableAssignment[];
}

export interface PlannerOptions {
  /** Depth of the ejection chains; default: 3 for small instances, 2 otherwise. */
  chainDepth?: number;
  /** Upper bound of accepted local-search moves (keeps the worst case bounded). */
  maxMoves?: number;
  /** Only the greedy pass (to measure what the chains and the local search add). */
  greedyOnly?: boolean;
}

export interface Proposal {
  slotId: string;
  nurseId: string;
  /** Repair plans: the existing assignment on the slot this proposal takes over. */
  replacesAssignmentId?: string;
}

export interface UnfilledPosition {
  slotId: string;
  missing: number;
  reasons: { rule: RuleCode | PlannerReason; nurses: number }[];
}

/** Reasons a plan gives beyond the assignment rules. */
export type PlannerReason = 'no-candidates' | 'contract-hours';

export interface NurseOutcome {
  nurseId: string;
  /** Minutes of her shifts in the period before the plan. */
  minutesBefore: number;
  /** Minutes of the shifts the plan gives her. */
  minutesProposed: number;
  nightsProposed: number;
  weekendDutiesProposed: number;
  onCallBlocksProposed: number;
  /** Whole minutes of her shifts in the period beyond her contract share for it, after the plan. */
  overtimeMinutes: number;
}

export interface Plan {
  proposals: Proposal[];
  unfilled: UnfilledPosition[];
  nurses: NurseOutcome[];
  /** Open positions considered (one per missing nurse on a slot) and their minutes. */
  openPositions: number;
  openMinutes: number;
  /** Minutes of the proposals that fill open positions (the covered position-minutes the plan adds). */
  proposedMinutes: number;
  /** Existing assignments the plan hands to another nurse (repair plans). */
  changedAssignments: number;
  wishesHonoured: number;
  wishesOverridden: number;
}

const MINUTE = 60_000;
const DAY_MS = 24 * 3_600_000;

interface Unit {
  index: number;
  position: PlannerPosition;
  minutes: number;
  /** A shift (working time: counts toward hours and load); else an on-call block. */
  shift: boolean;
  night: boolean;
  weekend: boolean;
  facts: SlotFacts;
  /** Nurses that pass the rules that never change while planning (employer, qualification, absence, hours). */
  eligible: NurseState[];
  eligibleSet: ReadonlySet<NurseState>;
  nurse: NurseState | null;
  /** The unit as a duty, one object for the unit's life (the rules cache per duty object). */
  duty: Duty;
  /** Repair plans: the existing assignment this unit is, and the nurse who holds it; never left open. */
  existing: { assignmentId: string; nurse: NurseState } | null;
}

/** A nurse's counts as the objective sees them (shift minutes, nights, blocks, weekend duties, wishes). */
interface Counts {
  minutes: number;
  nights: number;
  onCallBlocks: number;
  weekendDuties: number;
  wishesOverridden: number;
}

interface NurseState extends Counts {
  nurse: PlannerNurse;
  order: number;
  /** Contract minutes per week (the full-time week without contract hours). */
  share: number;
  /** Shared by the records of one person. */
  timeline: NurseTimeline;
  /** Her counts in the period before the plan (existing duties, the movable ones included). */
  before: Counts;
  wishes: ReadonlySet<string>;
  units: Set<Unit>;
  /** Her placements by day (of the start, counted in UTC days), for the searches that look nearby. */
  unitsByDay: Map<number, Set<Unit>>;
}

/** Plans the input's open positions. */
export function planRoster(input: PlannerInput, options: PlannerOptions = {}): Plan {
  return new Planner(input, options).run();
}

class Planner {
  private readonly states: NurseState[];
  private readonly units: Unit[];
  private readonly chainDepth: number;
  private readonly objective: readonly Term[];
  private readonly days: number;
  private readonly overtimePct: number;
  /**
   * Judgements the searches (chains, group searches) may still spend in this plan; every judgement
   * counts against it, and the searches stop when it is spent. Counted, not timed: the same input
   * gives the same plan on any machine.
   */
  private searchBudget = PLAN_SEARCH_BUDGET;
  /** The duties of placements (the rest of a timeline is the nurse's existing duties). */
  private readonly proposed = new WeakSet<Duty>();
  private readonly maxMoves: number;
  /** Moves the local search may still weigh (counted, so the same input gives the same plan). */
  private improveBudget = IMPROVE_BUDGET;

  constructor(
    private readonly input: PlannerInput,
    private readonly options: PlannerOptions,
  ) {
    this.objective = input.repair ? REPAIR_OBJECTIVE : PLAN_OBJECTIVE;
    this.days = daysBetween(input.from, input.to) + 1;
    this.overtimePct = input.overtimePct ?? 0;
    const movable = input.repair ? (input.movable ?? []) : [];
    const movableIds = new Set(movable.map((m) => m.assignmentId));
    const nurses = [...input.nurses].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // One timeline per person: a placement on one record is a duty of the others too.
    const timelines = new Map<string, NurseTimeline>();
    this.states = nurses.map((nurse, order) => {
      const key = nurse.personKey ?? `record:${nurse.id}`;
      let timeline = timelines.get(key);
      if (!timeline) timelines.set(key, (timeline = new NurseTimeline(nurse.duties.filter((d) => d.id === undefined || !movableIds.has(d.id)))));
      return this.stateOf(nurse, order, timeline, movableIds);
    });
    const positions = [...input.positions].sort((a, b) => a.startMs - b.startMs || (a.slotId < b.slotId ? -1 : a.slotId > b.slotId ? 1 : 0));
    const bySlot = new Map(positions.map((p) => [p.slotId, p]));
    const byNurse = new Map(this.states.map((s) => [s.nurse.id, s]));
    this.units = [];
    const facts = new Map<PlannerPosition, SlotFacts>();
    const eligibleOf = new Map<PlannerPosition, NurseState[]>();
    const unitOf = (position: PlannerPosition): Omit<Unit, 'index' | 'existing'> => {
      let f = facts.get(position);
      if (!f) {
        f = {
          contractId: position.contractId,
          localDate: position.localDate,
          startMs: position.startMs,
          endMs: position.endMs,
          dutyType: position.dutyType,
          requiredNurses: 1,
          assignedCount: 0,
          requiredQualifications: position.requiredQualifications,
          zone: position.zone,
        };
        facts.set(position, f);
      }
      let eligible = eligibleOf.get(position);
      if (!eligible) eligibleOf.set(position, (eligible = this.states.filter((s) => staticReasons(position, s).length === 0)));
      const duty: Duty = { startMs: position.startMs, endMs: position.endMs, dutyType: position.dutyType, localDate: position.localDate, zone: position.zone };
      return {
        position,
        minutes: Math.round((position.endMs - position.startMs) / MINUTE),
        shift: position.dutyType === 'shift',
        night: isNightShift(duty),
        weekend: isWeekend(position.localDate),
        facts: f,
        eligible,
        eligibleSet: new Set(eligible),
        nurse: null,
        duty,
      };
    };
    for (const position of positions) {
      for (let k = 0; k < position.open; k++) this.units.push({ ...unitOf(position), index: this.units.length, existing: null });
    }
    // Repair: an existing assignment becomes a unit placed on its nurse, which the searches may hand on.
    for (const m of [...movable].sort((a, b) => (a.assignmentId < b.assignmentId ? -1 : 1))) {
      const position = bySlot.get(m.slotId);
      const holder = byNurse.get(m.nurseId);
      if (!position || !holder) continue;
      const unit: Unit = { ...unitOf(position), index: this.units.length, existing: { assignmentId: m.assignmentId, nurse: holder } };
      if (!unit.eligibleSet.has(holder)) {
        unit.eligible = [...unit.eligible, holder].sort((a, b) => a.order - b.order);
        unit.eligibleSet = new Set(unit.eligible);
      }
      this.units.push(unit);
      this.place(unit, holder);
      this.proposed.delete(unit.duty);
      // What she held is her "before": the counts start from it, the proposals are what moves.
      holder.before = {
        minutes: holder.minutes,
        nights: holder.nights,
        onCallBlocks: holder.onCallBlocks,
        weekendDuties: holder.weekendDuties,
        wishesOverridden: holder.wishesOverridden,
      };
    }
    this.chainDepth = options.chainDepth ?? (this.openUnits().length <= SMALL ? 3 : 2);
    this.maxMoves = options.maxMoves ?? 20 * this.units.length + 100;
  }

  /** A nurse's state; her movable assignments are left out here and come back as placed units. */
  private stateOf(nurse: PlannerNurse, order: number, timeline: NurseTimeline, movableIds: ReadonlySet<string>): NurseState {
    // Her hours are her own record's duties (one employment); the rules see the person's.
    const inPeriod = nurse.duties.filter(
      (d) =>
        d.localDate >= this.input.from &&
        d.localDate <= this.input.to &&
        (d.nurseId === undefined || d.nurseId === nurse.id) &&
        (d.id === undefined || !movableIds.has(d.id)),
    );
    const wishes = new Set(nurse.wishes);
    const before: Counts = {
      minutes: inPeriod.filter((d) => d.dutyType === 'shift').reduce((sum, d) => sum + Math.round((d.endMs - d.startMs) / MINUTE), 0),
      nights: inPeriod.filter(isNightShift).length,
      onCallBlocks: inPeriod.filter((d) => d.dutyType === 'on-call').length,
      weekendDuties: inPeriod.filter((d) => isWeekend(d.localDate)).length,
      wishesOverridden: 0,
    };
    return {
      nurse,
      order,
      share: shareOf(nurse.contractMinutesPerWeek),
      timeline,
      before,
      ...before,
      wishes,
      units: new Set(),
      unitsByDay: new Map(),
    };
  }

  run(): Plan {
    this.greedy();
    if (this.options.greedyOnly) return this.result();
    this.fillByChains();
    while (this.pairSearches()) this.fillByChains();
    this.balanceByGroups();
    this.improve();
    return this.result();
  }

  private openUnits(): Unit[] {
    return this.units.filter((u) => !u.nurse);
  }

  // ── feasibility ──────────────────────────────────────────────────────────────────────────────

  /**
   * Whether the nurse may take the unit given everything placed so far: the assignment rules (the
   * one verdict), the subset rule of a night series, and her contract hours plus overtime.
   */
  private lawful(unit: Unit, s: NurseState): boolean {
    this.searchBudget--;
    if (unit.shift && !withinContractHours(s.minutes + unit.minutes, s.share, this.days, this.overtimePct)) return false;
    const v = judgeAssignment({
      slot: unit.facts,
      nurse: s.nurse,
      employerAgbs: unit.position.employerAgbs,
      closedMonths: unit.position.closedMonths ?? EMPTY,
      absences: s.nurse.absences,
      timeline: s.timeline,
    });
    return v.conflicts.length === 0 && v.violations.length === 0 && !(unit.night && breaksASubset(unit, s.timeline, this.proposed));
  }

  private place(unit: Unit, s: NurseState): void {
    const duty = unit.duty;
    s.timeline.add(duty);
    this.proposed.add(duty);
    s.units.add(unit);
    const day = dayOf(unit);
    let onDay = s.unitsByDay.get(day);
    if (!onDay) s.unitsByDay.set(day, (onDay = new Set()));
    onDay.add(unit);
    addContribution(s, unit, s, 1);
    unit.nurse = s;
  }

  private unplace(unit: Unit): NurseState {
    const s = unit.nurse as NurseState;
    s.timeline.remove(unit.duty);
    s.units.delete(unit);
    s.unitsByDay.get(dayOf(unit))?.delete(unit);
    addContribution(s, unit, s, -1);
    unit.nurse = null;
    return s;
  }

  // ── the objective, asked ─────────────────────────────────────────────────────────────────────

  /** The nurse's tally, with units given to her (`add`) or taken from her (`remove`) on paper. */
  private tally(s: NurseState, add: readonly Unit[] = NONE, remove: readonly Unit[] = NONE): Tally {
    const t: Tally = {
      minutes: s.minutes,
      share: s.share,
      nights: s.nights,
      onCallBlocks: s.onCallBlocks,
      weekendDuties: s.weekendDuties,
      wishesOverridden: s.wishesOverridden,
    };
    for (const u of add) addContribution(t, u, s, 1);
    for (const u of remove) addContribution(t, u, s, -1);
    return t;
  }

  private changed(unit: Unit, to: NurseState | null): number {
    return unit.existing && to !== unit.existing.nurse ? 1 : 0;
  }

  /**
   * The objective's verdict on handing `unit` from nurse `a` to nurse `b` (and, for a swap,
   * `back` from `b` to `a`): negative when the state after it is better. Coverage does not change.
   */
  private compareMove(a: NurseState, b: NurseState, unit: Unit, back: Unit | null = null): number {
    this.improveBudget--;
    const before: Outcome = {
      coveredMinutes: 0,
      changedAssignments: this.changed(unit, a) + (back ? this.changed(back, b) : 0),
      tallies: [this.tally(a), this.tally(b)],
    };
    const after: Outcome = {
      coveredMinutes: 0,
      changedAssignments: this.changed(unit, b) + (back ? this.changed(back, a) : 0),
      tallies: back ? [this.tally(a, [back], [unit]), this.tally(b, [unit], [back])] : [this.tally(a, NONE, [unit]), this.tally(b, [unit])],
    };
    return compareOutcomes(this.objective, before, after);
  }

  /** The unit's eligible nurses in the order the objective prefers to give it to them. */
  private byPreference(unit: Unit): NurseState[] {
    // Each nurse's tally without and with the unit, made once for the sort.
    const without = new Map<NurseState, Tally>();
    const withIt = new Map<NurseState, Tally>();
    for (const s of unit.eligible) {
      without.set(s, this.tally(s));
      withIt.set(s, this.tally(s, [unit]));
    }
    return [...unit.eligible].sort((a, b) => this.preferenceOf(unit, a, b, without, withIt));
  }

  /** Negative when the objective prefers giving the (open) unit to `a` over giving it to `b`. */
  private preference(unit: Unit, a: NurseState, b: NurseState): number {
    const without = new Map([
      [a, this.tally(a)],
      [b, this.tally(b)],
    ]);
    const withIt = new Map([
      [a, this.tally(a, [unit])],
      [b, this.tally(b, [unit])],
    ]);
    return this.preferenceOf(unit, a, b, without, withIt);
  }

  private preferenceOf(unit: Unit, a: NurseState, b: NurseState, without: Map<NurseState, Tally>, withIt: Map<NurseState, Tally>): number {
    const toB: Outcome = { coveredMinutes: 0, changedAssignments: this.changed(unit, b), tallies: [without.get(a) as Tally, withIt.get(b) as Tally] };
    const toA: Outcome = { coveredMinutes: 0, changedAssignments: this.changed(unit, a), tallies: [withIt.get(a) as Tally, without.get(b) as Tally] };
    return compareOutcomes(this.objective, toB, toA) || a.order - b.order;
  }

  // ── (1) coverage ─────────────────────────────────────────────────────────────────────────────

  private greedy(): void {
    // The most constrained first (fewest eligible nurses), longer before shorter, then in time.
    const order = this.openUnits().sort((a, b) => a.eligible.length - b.eligible.length || b.minutes - a.minutes || a.index - b.index);
    for (const unit of order) {
      for (const s of this.byPreference(unit)) {
        if (this.lawful(unit, s)) {
          this.place(unit, s);
          break;
        }
      }
    }
  }

  /**
   * Places unfilled units by ejection chains: a nurse blocked by one of her placements takes the
   * unit if the blocking placement can itself be placed elsewhere (recursively, to `chainDepth`),
   * or if the unit is longer than the placement it pushes out. Every accepted change raises the
   * covered minutes, so this ends.
   */
  private fillByChains(): void {
    let changed = true;
    while (changed) {
      changed = false;
      const open = this.openUnits().sort((a, b) => b.minutes - a.minutes || a.index - b.index);
      for (const unit of open) {
        if (unit.nurse) continue;
        if (this.insert(unit, this.chainDepth, new Set([unit]))) {
          changed = true;
          continue;
        }
        if (this.replaceShorter(unit)) changed = true;
      }
    }
  }

  /**
   * Re-plans, exactly, what two nurses hold together with the open units either could take, near
   * the open units (branch and bound over the units in time order: nurse a, nurse b, or open).
   * Catches what single moves cannot: two short duties out for one long one, or the other way round.
   * Returns whether the covered minutes grew.
   */
  private pairSearches(): boolean {
    const open = this.openUnits();
    if (open.length === 0) return false;
    let improved = false;
    const day = 24 * 3_600_000;
    const windows =
      this.units.length <= SMALL
        ? [{ from: -Infinity, to: Infinity }]
        : open.map((u) => ({ from: u.position.startMs - 2 * day, to: u.position.endMs + 2 * day }));
    const small = this.units.length <= SMALL;
    for (const w of windows) {
      const involved = new Set<NurseState>();
      for (const u of open) if (!u.nurse && u.position.startMs < w.to && u.position.endMs > w.from) for (const s of u.eligible) involved.add(s);
      // On a large instance, the partners are the nurses holding units in the window that the nurse could take.
      const nurses = [...involved].sort((a, b) => a.order - b.order);
      for (const a of nurses) {
        const partners = small
          ? this.states
          : [
              ...new Set(
                this.units
                  .filter((u) => u.nurse && u.nurse !== a && u.position.startMs < w.to && u.position.endMs > w.from && u.eligibleSet.has(a))
                  .map((u) => u.nurse as NurseState),
              ),
            ];
        for (const b of partners) {
          if (b === a || (involved.has(b) && b.order < a.order)) continue;
          if (this.searchBudget <= 0) return improved;
          if (this.groupSearch([a, b], w.from, w.to)) improved = true;
        }
      }
    }
    return improved;
  }

  /**
   * The exact best for a few nurses over a window (branch and bound over the units in time order:
   * one of the nurses, or open — never open for an existing assignment of a repair plan), by the
   * objective over those nurses: the most covered minutes first, then the other terms. The units
   * are those the nurses hold in the window and the open ones any of them could take. Returns
   * whether it improved on what they held.
   */
  private groupSearch(group: NurseState[], fromMs: number, toMs: number): boolean {
    const inWindow = (u: Unit) => u.position.startMs < toMs && u.position.endMs > fromMs;
    const members = new Set(group);
    const units = this.units
      .filter((u) => inWindow(u) && (u.nurse ? members.has(u.nurse) : group.some((s) => u.eligibleSet.has(s))))
      .sort((x, y) => x.position.startMs - y.position.startMs || x.index - y.index);
    if (units.length === 0) return false;
    const outcome = (covered: number): Outcome => ({
      coveredMinutes: covered,
      changedAssignments: units.reduce((n, u) => n + this.changed(u, u.nurse), 0),
      tallies: group.map((s) => this.tally(s)),
    });
    const incumbent = units.map((u) => u.nurse);
    const startCovered = units.reduce((sum, u) => sum + (u.nurse ? u.minutes : 0), 0);
    const start = outcome(startCovered);
    let best = start;
    let bestAssignment: (NurseState | null)[] = incumbent;
    // The largest load may bound the search only where loads come right after coverage.
    const loadsNext = this.objective[1]?.name === 'even-loads';
    const shares = group.reduce((sum, s) => sum + Math.max(s.share, 1), 0);
    const groupMax = (): [number, number] => maxRatio(...group.map((s): [number, number] => [s.minutes, Math.max(s.share, 1)]));
    let bestMax = groupMax();
    for (const u of units) if (u.nurse) this.unplace(u);
    // The minutes still to cover from each unit on, and of those the shift minutes (which load a nurse).
    const suffix: number[] = new Array<number>(units.length + 1).fill(0);
    const shiftSuffix: number[] = new Array<number>(units.length + 1).fill(0);
    for (let i = units.length - 1; i >= 0; i--) {
      suffix[i] = suffix[i + 1] + units[i].minutes;
      shiftSuffix[i] = shiftSuffix[i + 1] + (units[i].shift ? units[i].minutes : 0);
    }
    const current: (NurseState | null)[] = units.map(() => null);
    const stopAt = this.searchBudget - GROUP_SEARCH_BUDGET;
    const search = (i: number, covered: number): void => {
      if (this.searchBudget <= Math.max(stopAt, 0) || covered + suffix[i] < best.coveredMinutes) return;
      if (loadsNext && covered + suffix[i] === best.coveredMinutes) {
        // Everything left must be covered, by these nurses: their largest load is at least the
        // current largest and at least their average once it is all placed. Loads only grow.
        const total = group.reduce((sum, s) => sum + s.minutes, 0) + shiftSuffix[i];
        const bound = maxRatio(groupMax(), [total, shares]);
        if (compareRatio(bound[0], bound[1], bestMax[0], bestMax[1]) > 0) return;
      }
      if (i === units.length) {
        const here = outcome(covered);
        if (compareOutcomes(this.objective, best, here) < 0) {
          best = here;
          bestMax = groupMax();
          bestAssignment = [...current];
        }
        return;
      }
      const unit = units[i];
      const choices = group.filter((s) => unit.eligibleSet.has(s)).sort((x, y) => this.preference(unit, x, y));
      for (const s of choices) {
        if (!this.lawful(unit, s)) continue;
        this.place(unit, s);
        current[i] = s;
        search(i + 1, covered + unit.minutes);
        current[i] = null;
        this.unplace(unit);
      }
      if (!unit.existing) search(i + 1, covered);
    };
    search(0, 0);
    units.forEach((u, i) => {
      const s = bestAssignment[i];
      if (s) this.place(u, s);
    });
    return compareOutcomes(this.objective, start, best) < 0;
  }

  /**
   * Lowers the largest relative load by exact searches of the most loaded nurse with each other
   * nurse, and on small instances with each two others.
   */
  private balanceByGroups(): void {
    const small = this.units.length <= SMALL;
    const day = 24 * 3_600_000;
    for (let round = 0; round < this.states.length * 4; round++) {
      this.refreshTop();
      const top = this.top[0];
      if (!top || top.units.size === 0) return;
      const others = [...this.top].reverse().filter((s) => s !== top);
      const groups: NurseState[][] = others.map((b) => [top, b]);
      if (small) {
        for (let i = 0; i < others.length; i++) for (let j = i + 1; j < others.length; j++) groups.push([top, others[i], others[j]]);
        // All of them: which positions stay open may change too.
        if (others.length >= 3 && others.length < 8 && this.units.length <= TINY) groups.push([top, ...others]);
      }
      const windows = small ? [{ from: -Infinity, to: Infinity }] : [...top.units].map((u) => ({ from: u.position.startMs - day, to: u.position.endMs + day }));
      const before: [number, number] = [top.minutes, top.share];
      let improved = false;
      for (const group of groups) {
        if (this.searchBudget <= 0) return;
        for (const w of windows) this.groupSearch(group, w.from, w.to);
        if (compareRatio(top.minutes, top.share, before[0], before[1]) < 0) {
          improved = true;
          break;
        }
      }
      if (!improved) return;
    }
  }

  /** Places the unit, moving blocking placements along a chain; all or nothing. */
  private insert(unit: Unit, depth: number, onChain: Set<Unit>): boolean {
    const candidates = this.byPreference(unit);
    for (const s of candidates) {
      if (this.lawful(unit, s)) {
        this.place(unit, s);
        return true;
      }
    }
    if (depth === 0 || this.searchBudget <= 0) return false;
    for (const s of candidates) {
      for (const blocker of this.blockers(unit, s)) {
        if (onChain.has(blocker)) continue;
        this.unplace(blocker);
        this.place(unit, s);
        onChain.add(blocker);
        if (this.insert(blocker, depth - 1, onChain)) return true;
        onChain.delete(blocker);
        this.unplace(unit);
        this.place(blocker, s);
      }
    }
    return false;
  }

  /**
   * The nurse's placements whose removal alone lets her take the unit, among those within a week
   * of it (where the rest, series and week-hour rules look; a duty further away blocks only
   * through the 16-week counts).
   */
  private blockers(unit: Unit, s: NurseState): Unit[] {
    const found: Unit[] = [];
    const near = unitsNear(s, unit).sort(
      (a, b) => Math.abs(a.position.startMs - unit.position.startMs) - Math.abs(b.position.startMs - unit.position.startMs) || a.index - b.index,
    );
    for (const other of near) {
      this.unplace(other);
      const ok = this.lawful(unit, s);
      this.place(other, s);
      if (ok) found.push(other);
    }
    return found;
  }

  /** Swaps a shorter placement out for the unit when no chain places it (the covered minutes grow). */
  private replaceShorter(unit: Unit): boolean {
    if (this.searchBudget <= 0) return false;
    let best: { blocker: Unit; s: NurseState } | null = null;
    for (const s of this.byPreference(unit)) {
      for (const blocker of this.blockers(unit, s)) {
        // An existing assignment of a repair plan is handed on, never left open.
        if (blocker.minutes >= unit.minutes || blocker.existing) continue;
        if (!best || blocker.minutes < best.blocker.minutes) best = { blocker, s };
      }
    }
    if (!best) return false;
    this.unplace(best.blocker);
    this.place(unit, best.s);
    return true;
  }

  // ── the rest of the objective: loads, nights, blocks, weekends, wishes ───────────────────────

  /** Nurses with contract hours, the most loaded first; refreshed after every accepted move. */
  private top: NurseState[] = [];

  private refreshTop(): void {
    this.top = this.states.filter((s) => s.share > 0).sort((a, b) => -compareRatio(a.minutes, a.share, b.minutes, b.share) || a.order - b.order);
  }

  /**
   * Relocations, swaps and exchanges with unfilled units that keep the coverage, each taken when
   * the objective prefers the state after it; first improvement, repeated, within a counted budget.
   */
  private improve(): void {
    let moves = 0;
    let improved = true;
    this.refreshTop();
    for (let pass = 0; improved && moves < this.maxMoves && pass < MAX_PASSES; pass++) {
      improved = false;
      const placed = this.units.filter((u) => u.nurse).sort((a, b) => this.heavierFirst(a, b));
      const open = this.openUnits();
      for (const unit of placed) {
        if (moves >= this.maxMoves || this.improveBudget <= 0) break;
        if (!unit.nurse) continue;
        if (this.relocate(unit) || this.swap(unit) || this.exchange(unit, open)) {
          moves++;
          improved = true;
          this.refreshTop();
        }
      }
    }
  }

  /** Units of the most loaded nurses first, so the largest load is attacked first. */
  private heavierFirst(x: Unit, y: Unit): number {
    const a = x.nurse as NurseState;
    const b = y.nurse as NurseState;
    return -compareRatio(a.minutes, a.share, b.minutes, b.share) || a.order - b.order || x.index - y.index;
  }

  private relocate(unit: Unit): boolean {
    const a = unit.nurse as NurseState;
    for (const b of unit.eligible) {
      if (b === a || this.compareMove(a, b, unit) >= 0) continue;
      this.unplace(unit);
      if (this.lawful(unit, b)) {
        this.place(unit, b);
        return true;
      }
      this.place(unit, a);
    }
    return false;
  }

  private swap(unit: Unit): boolean {
    const a = unit.nurse as NurseState;
    for (const b of unit.eligible) {
      if (b === a) continue;
      for (const other of unitsNear(b, unit)) {
        if (!other.eligibleSet.has(a)) continue;
        if (this.compareMove(a, b, unit, other) >= 0) continue;
        this.unplace(unit);
        this.unplace(other);
        if (this.lawful(unit, b)) {
          this.place(unit, b);
          if (this.lawful(other, a)) {
            this.place(other, a);
            return true;
          }
          this.unplace(unit);
        }
        this.place(unit, a);
        this.place(other, b);
      }
    }
    return false;
  }

  /** Hands an unfilled unit of the same length to another nurse instead of this one (same coverage). */
  private exchange(unit: Unit, unfilled: Unit[]): boolean {
    if (unit.existing) return false;
    const a = unit.nurse as NurseState;
    for (const open of unfilled) {
      if (open.nurse) continue;
      if (open.minutes !== unit.minutes || open.position === unit.position || !near(unit, open)) continue;
      for (const b of open.eligible) {
        if (b === a) continue;
        // a gives the unit up, b takes the open one: the same covered minutes.
        const before: Outcome = { coveredMinutes: 0, changedAssignments: 0, tallies: [this.tally(a), this.tally(b)] };
        const after: Outcome = { coveredMinutes: 0, changedAssignments: 0, tallies: [this.tally(a, NONE, [unit]), this.tally(b, [open])] };
        this.improveBudget--;
        if (compareOutcomes(this.objective, before, after) >= 0) continue;
        this.unplace(unit);
        if (this.lawful(open, b)) {
          this.place(open, b);
          return true;
        }
        this.place(unit, a);
      }
    }
    return false;
  }

  // ── the plan ─────────────────────────────────────────────────────────────────────────────────

  private result(): Plan {
    const proposals: Proposal[] = [];
    for (const u of this.units) {
      const s = u.nurse;
      if (!s) continue;
      if (!u.existing) proposals.push({ slotId: u.position.slotId, nurseId: s.nurse.id });
      else if (s !== u.existing.nurse) proposals.push({ slotId: u.position.slotId, nurseId: s.nurse.id, replacesAssignmentId: u.existing.assignmentId });
    }
    const unfilled: UnfilledPosition[] = [];
    const seen = new Set<PlannerPosition>();
    const openOf = new Map<PlannerPosition, number>();
    for (const unit of this.units) if (!unit.nurse) openOf.set(unit.position, (openOf.get(unit.position) ?? 0) + 1);
    for (const unit of this.units) {
      if (unit.nurse || seen.has(unit.position)) continue;
      seen.add(unit.position);
      unfilled.push({ slotId: unit.position.slotId, missing: openOf.get(unit.position) ?? 0, reasons: this.reasons(unit) });
    }
    let honoured = 0;
    let overridden = 0;
    for (const s of this.states) {
      for (const date of s.wishes) {
        if (date < this.input.from || date > this.input.to) continue;
        if ([...s.units].some((u) => u.position.localDate === date)) overridden++;
        else honoured++;
      }
    }
    /** What the plan gives each nurse: the units she holds now that she did not hold before it. */
    const given = (s: NurseState) => [...s.units].filter((u) => !u.existing || u.existing.nurse !== s);
    return {
      proposals,
      unfilled,
      nurses: this.states.map((s) => {
        const units = given(s);
        return {
          nurseId: s.nurse.id,
          minutesBefore: s.before.minutes,
          minutesProposed: units.filter((u) => u.shift).reduce((sum, u) => sum + u.minutes, 0),
          nightsProposed: units.filter((u) => u.night).length,
          weekendDutiesProposed: units.filter((u) => u.weekend).length,
          onCallBlocksProposed: units.filter((u) => !u.shift).length,
          overtimeMinutes: overtimeMinutes(s.minutes, s.share, this.days),
        };
      }),
      openPositions: this.units.filter((u) => !u.existing).length,
      openMinutes: this.units.filter((u) => !u.existing).reduce((sum, u) => sum + u.minutes, 0),
      proposedMinutes: this.units.filter((u) => u.nurse && !u.existing).reduce((sum, u) => sum + u.minutes, 0),
      changedAssignments: this.units.filter((u) => u.existing && u.nurse !== u.existing.nurse).length,
      wishesHonoured: honoured,
      wishesOverridden: overridden,
    };
  }

  /** For each rule, how many of the position's candidate nurses it excludes in the final plan. */
  private reasons(unit: Unit): { rule: RuleCode | PlannerReason; nurses: number }[] {
    const p = unit.position;
    const counts = new Map<RuleCode | PlannerReason, number>();
    const bump = (rule: RuleCode | PlannerReason) => counts.set(rule, (counts.get(rule) ?? 0) + 1);
    const candidates = this.states.filter((s) => p.employerAgbs.includes(s.nurse.employerAgb));
    if (candidates.length === 0) return [{ rule: 'no-candidates', nurses: 0 }];
    for (const s of candidates) {
      const verdict = judgeAssignment({
        slot: unit.facts,
        nurse: s.nurse,
        employerAgbs: p.employerAgbs,
        closedMonths: p.closedMonths ?? EMPTY,
        absences: s.nurse.absences,
        timeline: s.timeline,
      });
      const rules = new Set<RuleCode | PlannerReason>([...verdict.conflicts, ...verdict.violations].map((v) => v.rule));
      if (rules.size === 0 && unit.night && breaksASubset(unit, s.timeline, this.proposed)) rules.add('rest-after-night-series');
      if (rules.size === 0 && (s.share === 0 || (unit.shift && !withinContractHours(s.minutes + unit.minutes, s.share, this.days, this.overtimePct)))) {
        rules.add('contract-hours');
      }
      for (const rule of rules) bump(rule);
    }
    return [...counts].map(([rule, nurses]) => ({ rule, nurses })).sort((a, b) => b.nurses - a.nurses || (a.rule < b.rule ? -1 : 1));
  }
}

const EMPTY: ReadonlySet<string> = new Set();
const NONE: readonly Unit[] = [];

/** Instances up to this many open positions are small: deeper chains, pair searches over the whole period. */
const SMALL = 60;

/** Instances up to this many open positions also get a search over all their nurses together. */
const TINY = 30;

/** Judgements one plan may spend before its searches stop. */
const PLAN_SEARCH_BUDGET = 60_000;

/** Judgements one group search may spend (a bound on the worst case, counted, so the plan stays deterministic). */
const GROUP_SEARCH_BUDGET = 20_000;

/**
 * Moves the local search may weigh in one plan: a region month weighs about 200,000, a region of
 * 100 nurses with 3,150 positions in 63 days about 4.7 million; beyond this the search stops where
 * it is (the plan stays lawful and keeps its coverage), so a plan's work grows with its size, not
 * with its square.
 */
const IMPROVE_BUDGET = 5_000_000;

/** Passes of the local search over every placement (each pass tries every unit once). */
const MAX_PASSES = 12;

/** Adds (or, with -1, takes away) what a unit counts for the nurse, without making objects. */
function addContribution(target: Counts, unit: Unit, s: NurseState, sign: 1 | -1): void {
  if (unit.shift) target.minutes += sign * unit.minutes;
  else target.onCallBlocks += sign;
  if (unit.night) target.nights += sign;
  if (unit.weekend) target.weekendDuties += sign;
  if (s.wishes.has(unit.position.localDate)) target.wishesOverridden += sign;
}

/**
 * Every order of applying a plan must pass the checks, so every subset of its proposals must be
 * lawful. The one rule a subset can break when the whole does not is the rest after a night
 * series: taking a proposed night out of a run leaves the nights before it (3 or more) followed by
 * the night after it, within 46 h. So in a run of consecutive nights, no proposed night may stand
 * 4th or later with another night after it; runs of up to 4 nights are always fine. (The other
 * rules only loosen when a duty is taken away: longer rests, fewer hours, freer weeks and Sundays.)
 */
function breaksASubset(unit: Unit, timeline: NurseTimeline, proposed: WeakSet<Duty>): boolean {
  const nights = new Map<string, boolean>();
  for (const d of timeline.within(unit.position.startMs - 10 * DAY_MS, unit.position.endMs + 10 * DAY_MS)) {
    if (isNightShift(d)) nights.set(d.localDate, proposed.has(d));
  }
  nights.set(unit.position.localDate, true);
  let first = unit.position.localDate;
  while (nights.has(addDays(first, -1))) first = addDays(first, -1);
  const run: boolean[] = [];
  for (let d = first; nights.has(d); d = addDays(d, 1)) run.push(nights.get(d) as boolean);
  return run.some((isProposal, i) => isProposal && i >= 3 && i < run.length - 1);
}

/** Rules that hold whatever else is placed: employer, qualification, absence, and no contract hours. */
function staticReasons(p: PlannerPosition, s: NurseState): string[] {
  const reasons: string[] = [];
  if (s.share === 0) reasons.push('contract-hours');
  if (!p.employerAgbs.includes(s.nurse.employerAgb)) reasons.push('employer');
  if (p.requiredQualifications.some((q) => !s.nurse.qualifications.includes(q))) reasons.push('qualification');
  if (s.nurse.absences.some((a) => a.fromDate <= p.localDate && a.toDate >= p.localDate)) reasons.push('absence');
  return reasons;
}

function maxRatio(...ratios: [number, number][]): [number, number] {
  return ratios.reduce((best, r) => (compareRatio(r[0], r[1], best[0], best[1]) > 0 ? r : best));
}

/**
 * Swaps and exchanges look at units within a week of each other only: trying every pair of a
 * region's placements made the local search grow with the square of the positions (6,300
 * positions took minutes), while a pair a week apart changes the loads no differently than one
 * nearby, which the search finds too.
 */
const NEAR_MS = 7 * DAY_MS;

function near(x: Unit, y: Unit): boolean {
  return Math.abs(x.position.startMs - y.position.startMs) <= NEAR_MS;
}

function dayOf(unit: Unit): number {
  return Math.floor(unit.position.startMs / DAY_MS);
}

/** The nurse's placements within a week of the unit, as a list (the caller may move them). */
function unitsNear(s: NurseState, unit: Unit): Unit[] {
  const found: Unit[] = [];
  const day = dayOf(unit);
  for (let d = day - 8; d <= day + 8; d++) for (const other of s.unitsByDay.get(d) ?? []) if (near(unit, other)) found.push(other);
  return found;
}

/** A duty "on a weekend" starts on a local Saturday or Sunday. */
export function isWeekend(localDate: string): boolean {
  const day = new Date(`${localDate}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}
