import type { RuleCode } from '../../common/codes.js';
import { addDays } from '../../common/local-time.js';
import { type AbsenceFacts, judgeAssignment, type SlotFacts } from '../../assignments/verdict.js';
import { NurseTimeline } from '../../working-time/timeline.js';
import { type Duty, type DutyType, isNightShift } from '../../working-time/working-time-rules.js';

/**
 * The roster planner: a region's open positions for a period and its nurses in, a plan out. Pure
 * and deterministic (no clock, no randomness, no I/O); every placement is judged by the same
 * `judgeAssignment` that guards POST /api/slots/:id/assignments, against the nurse's timeline with
 * her existing duties and every placement made so far, so the plan is lawful as a whole.
 *
 * Objective, in this order: (1) the most covered position-minutes; (2) the smallest largest
 * relative load (minutes in the period ÷ contract minutes for the period); (3) nights and weekend
 * duties spread evenly; (4) wishes honoured; then the loads as even as possible below the largest.
 *
 * Method: a greedy pass (the most constrained positions first, each to the least loaded lawful
 * nurse), then ejection chains that place an unfilled position by moving placements that block
 * it to other nurses (coverage only ever grows), then a local search of relocations and swaps
 * that keep the coverage and improve the rest of the objective. Small instances get a deeper
 * chain search; see `PlannerOptions`.
 */

/** The sector's full-time week (CAO VVT), the share of a nurse without contract hours. */
export const DEFAULT_CONTRACT_MINUTES_PER_WEEK = 2160;

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
  /** Nurses still missing on the slot (required minus assigned). */
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
  /** Her active duties, at least the rule horizon around the period (any region). */
  duties: readonly Duty[];
  absences: readonly AbsenceFacts[];
  /** Local dates on which she would rather not start a duty. */
  wishes: readonly string[];
}

export interface PlannerInput {
  /** The period, local dates, inclusive. */
  from: string;
  to: string;
  positions: readonly PlannerPosition[];
  nurses: readonly PlannerNurse[];
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
  minutesBefore: number;
  minutesProposed: number;
  nightsProposed: number;
  weekendDutiesProposed: number;
}

export interface Plan {
  proposals: Proposal[];
  unfilled: UnfilledPosition[];
  nurses: NurseOutcome[];
  /** Open positions considered (one per missing nurse on a slot) and their minutes. */
  openPositions: number;
  openMinutes: number;
  /** Minutes of the proposals (the covered position-minutes the plan adds). */
  proposedMinutes: number;
  wishesHonoured: number;
  wishesOverridden: number;
}

const MINUTE = 60_000;

interface Unit {
  index: number;
  position: PlannerPosition;
  minutes: number;
  night: boolean;
  weekend: boolean;
  facts: SlotFacts;
  /** Nurses that pass the rules that never change while planning (employer, qualification, absence, hours). */
  eligible: NurseState[];
  eligibleSet: ReadonlySet<NurseState>;
  nurse: NurseState | null;
  /** The unit as a duty, one object for the unit's life (the rules cache per duty object). */
  duty: Duty;
}

interface NurseState {
  nurse: PlannerNurse;
  order: number;
  /** Contract minutes per week; the denominator of her relative load (the period's days cancel out). */
  share: number;
  timeline: NurseTimeline;
  minutesBefore: number;
  nightsBefore: number;
  weekendsBefore: number;
  minutes: number;
  nights: number;
  weekends: number;
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
    const nurses = [...input.nurses].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.states = nurses.map((nurse, order) => this.stateOf(nurse, order));
    const positions = [...input.positions].sort((a, b) => a.startMs - b.startMs || (a.slotId < b.slotId ? -1 : a.slotId > b.slotId ? 1 : 0));
    this.units = [];
    for (const position of positions) {
      const facts: SlotFacts = {
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
      const probe: Duty = { startMs: position.startMs, endMs: position.endMs, dutyType: position.dutyType, localDate: position.localDate, zone: position.zone };
      const eligible = this.states.filter((s) => staticReasons(position, s).length === 0);
      for (let k = 0; k < position.open; k++) {
        this.units.push({
          index: this.units.length,
          position,
          minutes: Math.round((position.endMs - position.startMs) / MINUTE),
          night: isNightShift(probe),
          weekend: isWeekend(position.localDate),
          facts,
          eligible,
          eligibleSet: new Set(eligible),
          nurse: null,
          duty: { ...probe },
        });
      }
    }
    this.chainDepth = options.chainDepth ?? (this.units.length <= SMALL ? 3 : 2);
    this.maxMoves = options.maxMoves ?? 20 * this.units.length + 100;
  }

  private stateOf(nurse: PlannerNurse, order: number): NurseState {
    const inPeriod = nurse.duties.filter((d) => d.localDate >= this.input.from && d.localDate <= this.input.to);
    const minutesBefore = inPeriod.reduce((sum, d) => sum + Math.round((d.endMs - d.startMs) / MINUTE), 0);
    return {
      nurse,
      order,
      share: nurse.contractMinutesPerWeek ?? DEFAULT_CONTRACT_MINUTES_PER_WEEK,
      timeline: new NurseTimeline(nurse.duties),
      minutesBefore,
      nightsBefore: inPeriod.filter(isNightShift).length,
      weekendsBefore: inPeriod.filter((d) => isWeekend(d.localDate)).length,
      minutes: minutesBefore,
      nights: inPeriod.filter(isNightShift).length,
      weekends: inPeriod.filter((d) => isWeekend(d.localDate)).length,
      wishes: new Set(nurse.wishes),
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

  // ── feasibility ──────────────────────────────────────────────────────────────────────────────

  /** Whether the nurse may take the unit given everything placed so far (the assignment rules). */
  private lawful(unit: Unit, s: NurseState): boolean {
    this.searchBudget--;
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
    s.minutes += unit.minutes;
    if (unit.night) s.nights++;
    if (unit.weekend) s.weekends++;
    unit.nurse = s;
  }

  private unplace(unit: Unit): NurseState {
    const s = unit.nurse as NurseState;
    s.timeline.remove(unit.duty);
    s.units.delete(unit);
    s.unitsByDay.get(dayOf(unit))?.delete(unit);
    s.minutes -= unit.minutes;
    if (unit.night) s.nights--;
    if (unit.weekend) s.weekends--;
    unit.nurse = null;
    return s;
  }

  /** The unit's eligible nurses, least relative load after taking it first. */
  private byLoadFor(unit: Unit): NurseState[] {
    return [...unit.eligible].sort((a, b) => this.preference(unit, a, b));
  }

  private preference(unit: Unit, a: NurseState, b: NurseState): number {
    return (
      compareRatio(a.minutes + unit.minutes, a.share, b.minutes + unit.minutes, b.share) ||
      (unit.night ? a.nights - b.nights : 0) ||
      (unit.weekend ? a.weekends - b.weekends : 0) ||
      Number(a.wishes.has(unit.position.localDate)) - Number(b.wishes.has(unit.position.localDate)) ||
      a.order - b.order
    );
  }

  // ── (1) coverage ─────────────────────────────────────────────────────────────────────────────

  private greedy(): void {
    // The most constrained first (fewest eligible nurses), longer before shorter, then in time.
    const order = [...this.units].sort((a, b) => a.eligible.length - b.eligible.length || b.minutes - a.minutes || a.index - b.index);
    for (const unit of order) {
      for (const s of this.byLoadFor(unit)) {
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
      const open = this.units.filter((u) => !u.nurse).sort((a, b) => b.minutes - a.minutes || a.index - b.index);
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
    const open = this.units.filter((u) => !u.nurse);
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
   * one of the nurses, or open): the most covered minutes, then the smaller largest relative load
   * among them. The units are those the nurses hold in the window and the open ones any of them
   * could take. Returns whether it improved on what they held.
   */
  private groupSearch(group: NurseState[], fromMs: number, toMs: number): boolean {
    const inWindow = (u: Unit) => u.position.startMs < toMs && u.position.endMs > fromMs;
    const members = new Set(group);
    const units = this.units
      .filter((u) => inWindow(u) && (u.nurse ? members.has(u.nurse) : group.some((s) => u.eligibleSet.has(s))))
      .sort((x, y) => x.position.startMs - y.position.startMs || x.index - y.index);
    if (units.length === 0) return false;
    const shares = group.reduce((sum, s) => sum + Math.max(s.share, 1), 0);
    const groupMax = (): [number, number] => maxRatio(...group.map((s): [number, number] => [s.minutes, Math.max(s.share, 1)]));
    const incumbent = units.map((u) => u.nurse);
    let bestCovered = units.reduce((sum, u) => sum + (u.nurse ? u.minutes : 0), 0);
    let bestMax = groupMax();
    const startCovered = bestCovered;
    const startMax = bestMax;
    for (const u of units) if (u.nurse) this.unplace(u);
    const suffix: number[] = new Array<number>(units.length + 1).fill(0);
    for (let i = units.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + units[i].minutes;
    let bestAssignment: (NurseState | null)[] = incumbent;
    const current: (NurseState | null)[] = units.map(() => null);
    const stopAt = this.searchBudget - GROUP_SEARCH_BUDGET;
    const search = (i: number, covered: number): void => {
      if (this.searchBudget <= Math.max(stopAt, 0) || covered + suffix[i] < bestCovered) return;
      const max = groupMax();
      if (covered + suffix[i] === bestCovered) {
        // Everything left must be covered, by these nurses: their largest load is at least the
        // current largest and at least their average once it is all placed. Loads only grow.
        const total = group.reduce((sum, s) => sum + s.minutes, 0) + suffix[i];
        const bound = maxRatio(max, [total, shares]);
        if (compareRatio(bound[0], bound[1], bestMax[0], bestMax[1]) >= 0) return;
      }
      if (i === units.length) {
        if (covered > bestCovered || compareRatio(max[0], max[1], bestMax[0], bestMax[1]) < 0) {
          bestCovered = covered;
          bestMax = max;
          bestAssignment = [...current];
        }
        return;
      }
      const unit = units[i];
      const choices = group
        .filter((s) => unit.eligibleSet.has(s))
        .sort((x, y) => compareRatio(x.minutes, Math.max(x.share, 1), y.minutes, Math.max(y.share, 1)) || x.order - y.order);
      for (const s of choices) {
        if (!this.lawful(unit, s)) continue;
        this.place(unit, s);
        current[i] = s;
        search(i + 1, covered + unit.minutes);
        current[i] = null;
        this.unplace(unit);
      }
      search(i + 1, covered);
    };
    search(0, 0);
    units.forEach((u, i) => {
      const s = bestAssignment[i];
      if (s) this.place(u, s);
    });
    return bestCovered > startCovered || compareRatio(bestMax[0], bestMax[1], startMax[0], startMax[1]) < 0;
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
    const candidates = this.byLoadFor(unit);
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
    for (const s of this.byLoadFor(unit)) {
      for (const blocker of this.blockers(unit, s)) {
        if (blocker.minutes >= unit.minutes) continue;
        if (!best || blocker.minutes < best.blocker.minutes) best = { blocker, s };
      }
    }
    if (!best) return false;
    this.unplace(best.blocker);
    this.place(unit, best.s);
    return true;
  }

  // ── (2)–(4) fairness, spread, wishes ─────────────────────────────────────────────────────────

  /** Nurses with contract hours, the most loaded first; refreshed after every accepted move. */
  private top: NurseState[] = [];

  private refreshTop(): void {
    this.top = this.states.filter((s) => s.share > 0).sort((a, b) => -compareRatio(a.minutes, a.share, b.minutes, b.share) || a.order - b.order);
  }

  /** The largest relative load over every nurse but the two given, as a ratio [minutes, share]. */
  private maxLoadExcept(a: NurseState, b: NurseState): [number, number] {
    for (const s of this.top) if (s !== a && s !== b) return [s.minutes, s.share];
    return [0, 1];
  }

  /**
   * Compares the state after a change of two nurses' loads with the state before: negative when
   * the change is better by the objective (the other nurses are unchanged).
   */
  private compareChange(a: NurseState, b: NurseState, after: Side, before: Side, wishDelta: number): number {
    this.improveBudget--;
    const rest = this.maxLoadExcept(a, b);
    const maxAfter = maxRatio(rest, [after.aMinutes, a.share], [after.bMinutes, b.share]);
    const maxBefore = maxRatio(rest, [before.aMinutes, a.share], [before.bMinutes, b.share]);
    return (
      compareRatio(maxAfter[0], maxAfter[1], maxBefore[0], maxBefore[1]) ||
      comparePair(after.aNights, after.bNights, before.aNights, before.bNights) ||
      comparePair(after.aWeekends, after.bWeekends, before.aWeekends, before.bWeekends) ||
      wishDelta ||
      comparePairRatio([after.aMinutes, a.share], [after.bMinutes, b.share], [before.aMinutes, a.share], [before.bMinutes, b.share])
    );
  }

  private side(a: NurseState, b: NurseState): Side {
    return { aMinutes: a.minutes, bMinutes: b.minutes, aNights: a.nights, bNights: b.nights, aWeekends: a.weekends, bWeekends: b.weekends };
  }

  private wish(s: NurseState, unit: Unit): number {
    return s.wishes.has(unit.position.localDate) ? 1 : 0;
  }

  /** Relocations, swaps and exchanges with unfilled units that keep the coverage; first improvement, repeated. */
  private improve(): void {
    let moves = 0;
    let improved = true;
    this.refreshTop();
    for (let pass = 0; improved && moves < this.maxMoves && pass < MAX_PASSES; pass++) {
      improved = false;
      const placed = this.units.filter((u) => u.nurse).sort((a, b) => this.heavierFirst(a, b));
      const open = this.units.filter((u) => !u.nurse);
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
      if (b === a) continue;
      const before = this.side(a, b);
      const after: Side = {
        aMinutes: a.minutes - unit.minutes,
        bMinutes: b.minutes + unit.minutes,
        aNights: a.nights - Number(unit.night),
        bNights: b.nights + Number(unit.night),
        aWeekends: a.weekends - Number(unit.weekend),
        bWeekends: b.weekends + Number(unit.weekend),
      };
      if (this.compareChange(a, b, after, before, this.wish(b, unit) - this.wish(a, unit)) >= 0) continue;
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
        const before = this.side(a, b);
        const after: Side = {
          aMinutes: a.minutes - unit.minutes + other.minutes,
          bMinutes: b.minutes + unit.minutes - other.minutes,
          aNights: a.nights - Number(unit.night) + Number(other.night),
          bNights: b.nights + Number(unit.night) - Number(other.night),
          aWeekends: a.weekends - Number(unit.weekend) + Number(other.weekend),
          bWeekends: b.weekends + Number(unit.weekend) - Number(other.weekend),
        };
        const wishDelta = this.wish(b, unit) + this.wish(a, other) - this.wish(a, unit) - this.wish(b, other);
        if (this.compareChange(a, b, after, before, wishDelta) >= 0) continue;
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
    const a = unit.nurse as NurseState;
    for (const open of unfilled) {
      if (open.nurse) continue;
      if (open.minutes !== unit.minutes || open.position === unit.position || !near(unit, open)) continue;
      for (const b of open.eligible) {
        if (b === a) continue;
        const before = this.side(a, b);
        const after: Side = {
          aMinutes: a.minutes - unit.minutes,
          bMinutes: b.minutes + open.minutes,
          aNights: a.nights - Number(unit.night),
          bNights: b.nights + Number(open.night),
          aWeekends: a.weekends - Number(unit.weekend),
          bWeekends: b.weekends + Number(open.weekend),
        };
        if (this.compareChange(a, b, after, before, this.wish(b, open) - this.wish(a, unit)) >= 0) continue;
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
    const proposals: Proposal[] = this.units.filter((u) => u.nurse).map((u) => ({ slotId: u.position.slotId, nurseId: (u.nurse as NurseState).nurse.id }));
    const unfilled: UnfilledPosition[] = [];
    const seen = new Set<PlannerPosition>();
    const openOf = new Map<PlannerPosition, number>();
    for (const unit of this.units) if (!unit.nurse) openOf.set(unit.position, (openOf.get(unit.position) ?? 0) + 1);
    for (const unit of this.units) {
      if (unit.nurse || seen.has(unit.position)) continue;
      seen.add(unit.position);
      const missing = openOf.get(unit.position) ?? 0;
      unfilled.push({ slotId: unit.position.slotId, missing, reasons: this.reasons(unit) });
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
    return {
      proposals,
      unfilled,
      nurses: this.states.map((s) => ({
        nurseId: s.nurse.id,
        minutesBefore: s.minutesBefore,
        minutesProposed: s.minutes - s.minutesBefore,
        nightsProposed: s.nights - s.nightsBefore,
        weekendDutiesProposed: s.weekends - s.weekendsBefore,
      })),
      openPositions: this.units.length,
      openMinutes: this.units.reduce((sum, u) => sum + u.minutes, 0),
      proposedMinutes: this.units.filter((u) => u.nurse).reduce((sum, u) => sum + u.minutes, 0),
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
      if (rules.size === 0 && s.share === 0) rules.add('contract-hours');
      for (const rule of rules) bump(rule);
    }
    return [...counts].map(([rule, nurses]) => ({ rule, nurses })).sort((a, b) => b.nurses - a.nurses || (a.rule < b.rule ? -1 : 1));
  }
}

interface Side {
  aMinutes: number;
  bMinutes: number;
  aNights: number;
  bNights: number;
  aWeekends: number;
  bWeekends: number;
}

const EMPTY: ReadonlySet<string> = new Set();

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

/**
 * Every order of applying a plan must pass the checks, so every subset of its proposals must be
 * lawful. The one rule a subset can break when the whole does not is the rest after a night
 * series: taking a proposed night out of a run leaves the nights before it (3 or more) followed by
 * the night after it, within 46 h. So in a run of consecutive nights, no proposed night may stand
 * 4th or later with another night after it; runs of up to 4 nights are always fine.
 */
function breaksASubset(unit: Unit, timeline: NurseTimeline, proposed: WeakSet<Duty>): boolean {
  const day = 24 * 3_600_000;
  const nights = new Map<string, boolean>();
  for (const d of timeline.within(unit.position.startMs - 10 * day, unit.position.endMs + 10 * day)) {
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

/** a/b versus c/d for non-negative integers and positive denominators, exactly. */
function compareRatio(a: number, b: number, c: number, d: number): number {
  if (b === 0 || d === 0) return b === 0 && d === 0 ? 0 : b === 0 ? 1 : -1;
  return Math.sign(a * d - c * b);
}

function maxRatio(...ratios: [number, number][]): [number, number] {
  return ratios.reduce((best, r) => (compareRatio(r[0], r[1], best[0], best[1]) > 0 ? r : best));
}

/** Two values against two others, the larger compared first (a leximax of a pair). */
function comparePair(a1: number, b1: number, a2: number, b2: number): number {
  return Math.sign(Math.max(a1, b1) - Math.max(a2, b2)) || Math.sign(Math.min(a1, b1) - Math.min(a2, b2));
}

function comparePairRatio(a1: [number, number], b1: [number, number], a2: [number, number], b2: [number, number]): number {
  const [hi1, lo1] = compareRatio(a1[0], a1[1], b1[0], b1[1]) >= 0 ? [a1, b1] : [b1, a1];
  const [hi2, lo2] = compareRatio(a2[0], a2[1], b2[0], b2[1]) >= 0 ? [a2, b2] : [b2, a2];
  return compareRatio(hi1[0], hi1[1], hi2[0], hi2[1]) || compareRatio(lo1[0], lo1[1], lo2[0], lo2[1]);
}

/**
 * Swaps and exchanges look at units within a week of each other only: trying every pair of a
 * region's placements made the local search grow with the square of the positions (6,300
 * positions took minutes), while a pair a week apart changes the loads no differently than one
 * nearby, which the search finds too.
 */
const NEAR_MS = 7 * 24 * 3_600_000;

function near(x: Unit, y: Unit): boolean {
  return Math.abs(x.position.startMs - y.position.startMs) <= NEAR_MS;
}

const DAY_MS = 24 * 3_600_000;

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
