import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MonthsService } from '../months/months.service.js';
import type { NurseEntity } from '../nurses/nurse.entity.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { NursesService } from '../nurses/nurses.service.js';
import { PartiesService } from '../contracts/parties.service.js';
import { NotFoundError } from '../common/errors.js';
import { RegionZones } from '../reference/region-zones.service.js';
import type { SlotEntity } from '../roster/roster.entities.js';
import { NurseTimeline } from '../working-time/timeline.js';
import { type Duty, RULE_HORIZON_MS } from '../working-time/working-time-rules.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { type AssignmentContext, type AssignmentVerdict, judgeAssignment, type RecordDuty, slotConflicts, type SlotFacts } from './verdict.js';

/**
 * Loads what the assignment judgement needs (load, then judge): the duties of the nurse's person
 * around the slot as a timeline, absences, the responsible party's employers, the closed months.
 * Assigning, replacing, candidate lists, offers and plans all go through here to the one pure
 * `judgeAssignment`.
 */
@Injectable()
export class AssignmentChecks {
  constructor(
    private readonly parties: PartiesService,
    private readonly zones: RegionZones,
    private readonly months: MonthsService,
    private readonly rows: AssignmentsRepository,
    private readonly contracts: ContractsService,
    private readonly nurses: NursesService,
  ) {}

  /**
   * The active duties that overlap [fromMs, toMs) of each nurse's person, one timeline per nurse:
   * the duties of every record with the nurse's BIG number count (domain.md: the rules apply per
   * person, across employers and regions). Each duty carries the record that holds it (`nurseId`).
   */
  async timelinesOf(m: EntityManager, nurseIds: string[], fromMs: number, toMs: number, excludeAssignmentId?: string): Promise<Map<string, NurseTimeline>> {
    const records = await this.nurses.recordsOfPersons(m, nurseIds);
    const recordsOf = (id: string) => records.get(id) ?? [id];
    const allRecords = [...new Set(nurseIds.flatMap(recordsOf))];
    const held = new Map<string, Duty[]>(allRecords.map((id) => [id, []]));
    for (const a of await this.rows.activeOfNursesBetween(m, allRecords, fromMs, toMs)) {
      if (a.id === excludeAssignmentId) continue;
      const duty: RecordDuty = {
        id: a.id,
        startMs: a.startMs,
        endMs: a.endMs,
        dutyType: a.dutyType,
        localDate: a.localDate,
        zone: await this.zones.zoneOf(a.regionCode, m),
        slotId: a.slotId,
        regionCode: a.regionCode,
        function: a.function,
        nurseId: a.nurseId,
      };
      held.get(a.nurseId)?.push(duty);
    }
    return new Map(nurseIds.map((id) => [id, new NurseTimeline(recordsOf(id).flatMap((r) => held.get(r) ?? []))]));
  }

  async slotFacts(m: EntityManager, slot: SlotEntity): Promise<SlotFacts> {
    return { ...slot, zone: await this.zones.zoneOf(slot.regionCode, m) };
  }

  /** The contract's responsible party's employers and closed months: the same for every nurse on its slots. */
  async contractFacts(m: EntityManager, contractId: string): Promise<{ employerAgbs: string[]; closedMonths: Set<string> }> {
    const contract = await this.contracts.byId(contractId, m);
    if (!contract) throw new NotFoundError(`contract ${contractId} not found`);
    return { employerAgbs: await this.parties.employerAgbs(contract, m), closedMonths: await this.months.closedMonthsOf(m, contractId) };
  }

  /** The slot's own conflicts (closed month, full), whoever the nurse. */
  async slotConflicts(m: EntityManager, slot: SlotEntity) {
    return slotConflicts(slot, await this.months.closedMonthsOf(m, slot.contractId));
  }

  async contextFor(
    m: EntityManager,
    slot: SlotEntity,
    nurse: NurseEntity,
    options: { ignoreSlotFull?: boolean; excludeAssignmentId?: string } = {},
  ): Promise<AssignmentContext> {
    const timelines = await this.timelinesOf(m, [nurse.id], slot.startMs - RULE_HORIZON_MS, slot.endMs + RULE_HORIZON_MS, options.excludeAssignmentId);
    return {
      slot: await this.slotFacts(m, slot),
      nurse,
      ...(await this.contractFacts(m, slot.contractId)),
      absences: (await this.rows.absencesOf(m, [nurse.id])).get(nurse.id) ?? [],
      timeline: timelines.get(nurse.id) as NurseTimeline,
      ignoreSlotFull: options.ignoreSlotFull,
    };
  }

  async evaluate(
    m: EntityManager,
    slot: SlotEntity,
    nurse: NurseEntity,
    options: { ignoreSlotFull?: boolean; excludeAssignmentId?: string } = {},
  ): Promise<AssignmentVerdict> {
    return judgeAssignment(await this.contextFor(m, slot, nurse, options));
  }
}
