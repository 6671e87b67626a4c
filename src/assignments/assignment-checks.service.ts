import { Injectable } from '@nestjs/common';
import { EntityManager, LessThan, MoreThan } from 'typeorm';
import { ContractEntity } from '../contracts/contract.entity.js';
import { closedMonthsOf, CLOSED_MONTH_RULE } from '../fees/closed-months.js';
import { NurseEntity } from '../reference/reference.entities.js';
import { PartiesService } from '../reference/parties.service.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { AssignmentEntity, SlotEntity } from '../roster/roster.entities.js';
import { checkWorkingTime, Duty, RULE_HORIZON_MS } from '../working-time/working-time-rules.js';
import type { Violation } from '../common/codes.js';
import { AbsenceEntity } from '../planning/absence.entity.js';

/** What assigning a nurse to a slot would meet: 409 conflicts and 422 rule violations. */
export interface AssignmentVerdict {
  conflicts: Violation[];
  violations: Violation[];
}

/**
 * Every check of an assignment, in one place, so that assigning, candidate lists and offers
 * always agree. Loads the nurse's duties around the slot and hands them to the pure rule module.
 */
@Injectable()
export class AssignmentChecks {
  constructor(
    private readonly parties: PartiesService,
    private readonly zones: RegionZones,
  ) {}

  async dutiesAround(m: EntityManager, nurseId: string, fromMs: number, toMs: number, excludeAssignmentId?: string): Promise<Duty[]> {
    const rows = await m.find(AssignmentEntity, {
      where: { nurseId, status: 'active', startMs: LessThan(toMs), endMs: MoreThan(fromMs) },
      order: { startMs: 'ASC' },
    });
    const duties: Duty[] = [];
    for (const a of rows) {
      if (a.id === excludeAssignmentId) continue;
      duties.push({ id: a.id, startMs: a.startMs, endMs: a.endMs, dutyType: a.dutyType, localDate: a.localDate, zone: await this.zones.zoneOf(a.regionCode, m) });
    }
    return duties;
  }

  /** The conflicts of the slot itself, whoever the nurse: its month is closed, or it is full. */
  async slotConflicts(m: EntityManager, slot: SlotEntity, options: { ignoreSlotFull?: boolean; closedMonths?: Set<string> } = {}): Promise<Violation[]> {
    const conflicts: Violation[] = [];
    const closed = options.closedMonths ?? (await closedMonthsOf(m, slot.contractId));
    if (closed.has(slot.localDate.slice(0, 7))) {
      conflicts.push({ rule: CLOSED_MONTH_RULE, message: `the fee statement for ${slot.localDate.slice(0, 7)} is final; the month is closed` });
    }
    if (!options.ignoreSlotFull && slot.assignedCount >= slot.requiredNurses) {
      conflicts.push({ rule: 'slot-full', message: `the slot already has its ${slot.requiredNurses} nurse(s)` });
    }
    return conflicts;
  }

  async evaluate(
    m: EntityManager,
    slot: SlotEntity,
    nurse: NurseEntity,
    options: {
      ignoreSlotFull?: boolean;
      excludeAssignmentId?: string;
      contract?: ContractEntity;
      employerAgbs?: string[];
      closedMonths?: Set<string>;
      /** Preloaded duties and absences of the nurse (candidate lists load them for all nurses at once). */
      duties?: Duty[];
      absences?: AbsenceEntity[];
    } = {},
  ): Promise<AssignmentVerdict> {
    const zone = await this.zones.zoneOf(slot.regionCode, m);
    const conflicts = await this.slotConflicts(m, slot, options);
    const violations: Violation[] = [];
    const duties =
      options.duties ?? (await this.dutiesAround(m, nurse.id, slot.startMs - RULE_HORIZON_MS, slot.endMs + RULE_HORIZON_MS, options.excludeAssignmentId));
    const clash = duties.find((d) => d.startMs < slot.endMs && d.endMs > slot.startMs);
    if (clash) conflicts.push({ rule: 'overlap', message: 'the nurse already has an assignment at that time' });

    const absence = options.absences
      ? options.absences.find((a) => a.fromDate <= slot.localDate && a.toDate >= slot.localDate)
      : await m
          .createQueryBuilder(AbsenceEntity, 'a')
          .where('a.nurse_id = :n AND a.from_date <= :d AND a.to_date >= :d', { n: nurse.id, d: slot.localDate })
          .getOne();
    if (absence) violations.push({ rule: 'absence', message: `the nurse is absent (${absence.reason}) from ${absence.fromDate} to ${absence.toDate}` });

    const contract = options.contract ?? (await m.findOneByOrFail(ContractEntity, { id: slot.contractId }));
    const employers = options.employerAgbs ?? (await this.parties.employerAgbs(contract, m));
    if (!employers.includes(nurse.employerAgb)) {
      violations.push({ rule: 'employer', message: `the nurse's employer ${nurse.employerAgb} is not the responsible party of this contract` });
    }
    const missing = slot.requiredQualifications.filter((q) => !nurse.qualifications.includes(q));
    if (missing.length) violations.push({ rule: 'qualification', message: `the nurse lacks ${missing.join(', ')}` });

    const candidate: Duty = { startMs: slot.startMs, endMs: slot.endMs, dutyType: slot.dutyType, localDate: slot.localDate, zone };
    violations.push(...checkWorkingTime(candidate, duties));
    return { conflicts, violations };
  }
}
