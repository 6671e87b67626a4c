import { checkWorkingTime, RULE_HORIZON_MS, type Duty } from '../src/working-time/working-time-rules.js';
import { prng } from './dataset.js';

/**
 * Staffs about 60 % of the positions without breaking any working-time rule, using the service's
 * own rule module (the same one that guards POST /api/slots/:id/assignments). Greedy, in time
 * order, round robin over the responsible party's nurses.
 */
export interface StaffableSlot {
  id: string;
  contractId: string;
  regionCode: string;
  function: string;
  localDate: string;
  startMs: number;
  endMs: number;
  dutyType: 'shift' | 'on-call';
  requiredNurses: number;
  requiredQualifications: string[];
}

export interface StaffNurse {
  id: string;
  employerAgb: string;
  qualifications: string[];
}

export interface PlannedAssignment {
  slot: StaffableSlot;
  nurseId: string;
}

export function planStaffing(
  slots: StaffableSlot[],
  employersOfContract: Map<string, string[]>,
  nursesByEmployer: Map<string, StaffNurse[]>,
  share = 0.6,
  zone = 'Europe/Amsterdam',
): { planned: PlannedAssignment[]; positions: number } {
  const random = prng(42);
  const duties = new Map<string, Duty[]>();
  const pointer = new Map<string, number>();
  const planned: PlannedAssignment[] = [];
  let positions = 0;
  const sorted = [...slots].sort((a, b) => a.startMs - b.startMs);
  for (const slot of sorted) {
    positions += slot.requiredNurses;
    if (random() >= share) continue;
    const team = (employersOfContract.get(slot.contractId) ?? []).flatMap((agb) => nursesByEmployer.get(agb) ?? []);
    const start = pointer.get(slot.contractId) ?? 0;
    let placed = 0;
    for (let k = 0; k < team.length && placed < slot.requiredNurses; k++) {
      const nurse = team[(start + k) % team.length];
      if (!slot.requiredQualifications.every((q) => nurse.qualifications.includes(q))) continue;
      const mine = duties.get(nurse.id) ?? [];
      const last = mine[mine.length - 1];
      if (last && last.endMs > slot.startMs) continue; // overlap
      const candidate: Duty = { startMs: slot.startMs, endMs: slot.endMs, dutyType: slot.dutyType, zone, localDate: slot.localDate };
      let from = mine.length;
      while (from > 0 && mine[from - 1].endMs > slot.startMs - RULE_HORIZON_MS) from--;
      if (checkWorkingTime(candidate, mine.slice(from)).length > 0) continue;
      mine.push(candidate);
      duties.set(nurse.id, mine);
      planned.push({ slot, nurseId: nurse.id });
      placed++;
    }
    pointer.set(slot.contractId, start + 1);
  }
  return { planned, positions };
}
