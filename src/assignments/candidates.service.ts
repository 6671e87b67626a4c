import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../common/principal.js';
import type { RuleCode } from '../common/codes.js';
import { AssignmentChecks } from './assignment-checks.service.js';
import { AssignmentsService } from './assignments.service.js';
import { NursesService } from '../nurses/nurses.service.js';
import { AssignmentEntity } from './assignment.entity.js';
import { NotFoundError } from '../common/errors.js';
import type { SlotEntity } from '../roster/roster.entities.js';
import { SlotsService } from '../roster/slots.service.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { judgeAssignment, missingQualifications } from './verdict.js';
import { conflictsVisibleTo } from '../common/conflicts.js';
import { NurseTimeline } from '../working-time/timeline.js';
import { lateNightsBefore, RULE_HORIZON_MS } from '../working-time/working-time-rules.js';
import type { CandidateResponse, OfferCandidateResponse } from './candidate.response.js';

/**
 * "Who can take this slot?" Every nurse of the responsible party, judged by the same checks that
 * guard POST /api/slots/:id/assignments, with the nurse's duties and absences loaded in bulk.
 */
@Injectable()
export class CandidatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsService,
    private readonly checks: AssignmentChecks,
    private readonly nursesService: NursesService,
    private readonly slotsService: SlotsService,
    private readonly rows: AssignmentsRepository,
  ) {}

  /**
   * With `replacingId`, an active assignment of the slot, the candidates are judged as replacing it
   * would judge them: its place counts as free (no `slot-full`). Its nurse's own duty weighs on no
   * other nurse, and the nurses on the slot are not candidates, so nothing else changes.
   */
  async candidates(who: Principal, slotId: string, replacingId?: string): Promise<CandidateResponse[]> {
    const slot = await this.assignments.findPlannableSlot(who, slotId);
    const m = this.dataSource.manager;
    const { contract, active, nurses } = await this.partyNursesOffSlot(m, slot);
    if (replacingId !== undefined && !active.some((a) => a.id === replacingId))
      throw new NotFoundError(`assignment ${replacingId} not found on slot ${slotId}`);
    const ids = nurses.map((n) => n.id);
    const timelines = await this.checks.timelinesOf(m, ids, slot.startMs - RULE_HORIZON_MS, slot.endMs + RULE_HORIZON_MS);
    const absences = await this.rows.absencesOf(m, ids);
    const facts = await this.checks.slotFacts(m, slot);
    const monthMinutes = await this.rows.minutesInMonth(m, ids, slot.localDate.slice(0, 7));
    const result: CandidateResponse[] = [];
    for (const nurse of nurses) {
      const timeline = timelines.get(nurse.id) as NurseTimeline;
      const verdict = judgeAssignment({
        slot: facts,
        nurse,
        ...contract,
        absences: absences.get(nurse.id) ?? [],
        timeline,
        ignoreSlotFull: replacingId !== undefined,
      });
      // Exactly what an assignment would answer now: the 409 conflicts if any, else the 422 violations.
      const violations = conflictsVisibleTo(who, verdict.conflicts.length ? verdict.conflicts : verdict.violations);
      result.push({
        nurseId: nurse.id,
        name: nurse.name,
        qualified: slot.requiredQualifications.every((q) => nurse.qualifications.includes(q)),
        violations,
        monthMinutes: monthMinutes.get(nurse.id) ?? 0,
        nights16Weeks: lateNightsBefore(slot.startMs, [...timeline.all()]),
      });
    }
    return result.sort(
      (a, b) =>
        Number(a.violations.length > 0) - Number(b.violations.length > 0) ||
        a.monthMinutes - b.monthMinutes ||
        a.name.localeCompare(b.name, 'nl') ||
        a.nurseId.localeCompare(b.nurseId),
    );
  }

  /** The contract's facts, the slot's active assignments and the responsible party's nurses not on the slot. */
  private async partyNursesOffSlot(m: EntityManager, slot: SlotEntity) {
    const contract = await this.checks.contractFacts(m, slot.contractId);
    const active = await m.find(AssignmentEntity, { where: { slotId: slot.id, status: 'active' }, select: { id: true, nurseId: true } });
    const onSlot = new Set(active.map((a) => a.nurseId));
    const nurses = (await this.nursesService.employedBy(contract.employerAgbs, m)).filter((n) => !onSlot.has(n.id));
    return { contract, active, nurses };
  }

  /**
   * For the nurse assigned to a duty: the colleagues she could offer it to (nurses of the contract's
   * responsible party, not already on the slot), each judged only on what says nothing of the
   * colleague's own roster: whether she has the qualifications the duty needs. Working-time rules,
   * overlaps and absences would reveal a colleague's duties and absences, so they are left to the
   * colleague's accept and the coordinator's approval.
   */
  async offerCandidates(who: Principal, assignmentId: string): Promise<OfferCandidateResponse[]> {
    const m = this.dataSource.manager;
    const mine = await m.findOneBy(AssignmentEntity, { id: assignmentId, status: 'active' });
    if (!mine || who.role !== 'nurse' || who.nurseId !== mine.nurseId) throw new NotFoundError(`assignment ${assignmentId} not found`);
    const slot = await this.slotsService.byId(mine.slotId, m);
    if (!slot) throw new NotFoundError(`assignment ${assignmentId} not found`);
    const { nurses } = await this.partyNursesOffSlot(m, slot);
    const facts = await this.checks.slotFacts(m, slot);
    return nurses
      .map((nurse): OfferCandidateResponse => {
        const rules: RuleCode[] = missingQualifications(facts, nurse).length ? ['qualification'] : [];
        return { nurseId: nurse.id, name: nurse.name, fits: rules.length === 0, rules };
      })
      .sort((a, b) => Number(b.fits) - Number(a.fits) || a.name.localeCompare(b.name, 'nl') || a.nurseId.localeCompare(b.nurseId));
  }
}
