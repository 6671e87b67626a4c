import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, MoreThan } from 'typeorm';
import type { Principal } from '../common/principal.js';
import { AssignmentChecks } from '../assignments/assignment-checks.service.js';
import { AssignmentsService } from '../assignments/assignments.service.js';
import { monthBounds } from '../common/local-time.js';
import { ContractEntity } from '../contracts/contract.entity.js';
import { closedMonthsOf } from '../fees/closed-months.js';
import { NurseEntity } from '../reference/reference.entities.js';
import { PartiesService } from '../reference/parties.service.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { AssignmentEntity } from '../roster/roster.entities.js';
import { lateNightsBefore, RULE_HORIZON_MS, type Duty } from '../working-time/working-time-rules.js';
import { AbsenceEntity } from './absence.entity.js';

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
    private readonly parties: PartiesService,
    private readonly zones: RegionZones,
  ) {}

  async candidates(who: Principal, slotId: string) {
    const slot = await this.assignments.findPlannableSlot(who, slotId);
    const m = this.dataSource.manager;
    const contract = await m.findOneByOrFail(ContractEntity, { id: slot.contractId });
    const employerAgbs = await this.parties.employerAgbs(contract, m);
    const closedMonths = await closedMonthsOf(m, contract.id);
    const onSlot = new Set((await m.find(AssignmentEntity, { where: { slotId, status: 'active' }, select: { nurseId: true } })).map((a) => a.nurseId));
    const nurses = (await m.find(NurseEntity, { where: { employerAgb: In(employerAgbs) } })).filter((n) => !onSlot.has(n.id));
    const ids = nurses.map((n) => n.id);
    const { first, last } = monthBounds(slot.localDate.slice(0, 7));
    const from = slot.startMs - RULE_HORIZON_MS;
    const to = slot.endMs + RULE_HORIZON_MS;
    const duties = new Map<string, Duty[]>(ids.map((id) => [id, []]));
    const monthMinutes = new Map<string, number>(ids.map((id) => [id, 0]));
    const absences = new Map<string, AbsenceEntity[]>(ids.map((id) => [id, []]));
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await m.find(AssignmentEntity, { where: { nurseId: In(chunk), status: 'active', startMs: LessThan(to), endMs: MoreThan(from) }, order: { startMs: 'ASC' } });
      for (const a of rows) {
        duties.get(a.nurseId)?.push({ id: a.id, startMs: a.startMs, endMs: a.endMs, dutyType: a.dutyType, localDate: a.localDate, zone: await this.zones.zoneOf(a.regionCode, m) });
      }
      const monthRows = await m
        .createQueryBuilder(AssignmentEntity, 'a')
        .select('a.nurse_id', 'nurseId')
        .addSelect('SUM(a.end_ms - a.start_ms)', 'ms')
        .where("a.nurse_id IN (:...chunk) AND a.status = 'active' AND a.local_date >= :first AND a.local_date <= :last", { chunk, first, last })
        .groupBy('a.nurse_id')
        .getRawMany<{ nurseId: string; ms: string | number }>();
      for (const r of monthRows) monthMinutes.set(r.nurseId, Math.round(Number(r.ms) / 60_000));
      for (const a of await m.find(AbsenceEntity, { where: { nurseId: In(chunk) } })) absences.get(a.nurseId)?.push(a);
    }
    const result = [];
    for (const nurse of nurses) {
      const verdict = await this.checks.evaluate(m, slot, nurse, { contract, employerAgbs, closedMonths, duties: duties.get(nurse.id), absences: absences.get(nurse.id) });
      // Exactly what an assignment would answer now: the 409 conflicts if any, else the 422 violations.
      const violations = verdict.conflicts.length ? verdict.conflicts : verdict.violations;
      result.push({
        nurseId: nurse.id,
        name: nurse.name,
        qualified: slot.requiredQualifications.every((q) => nurse.qualifications.includes(q)),
        violations,
        monthMinutes: monthMinutes.get(nurse.id) ?? 0,
        nights16Weeks: lateNightsBefore(slot.startMs, duties.get(nurse.id) ?? []),
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
}
