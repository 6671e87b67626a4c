/**
 * Who is on call: pure. Given the contracts of a region and function, the slots that run at an
 * instant (with their nurses), and the local date of that instant, decide the active contract
 * and keep only its slots. The one place that says which contract is active at an instant.
 */

export interface ContractPeriod {
  id: string;
  validFrom: string;
  /** Last day, inclusive; null while open-ended. */
  validTo: string | null;
}

export interface RunningSlot {
  slotId: string;
  contractId: string;
  startMs: number;
  endMs: number;
  nurses: Array<{ id: string; name: string; phone: string | null }>;
}

/**
 * The contract active at the instant: one whose slot runs now wins (a night that started on the
 * last day of the old contract runs into the first day of the next), the earliest-starting such
 * slot first; otherwise the one whose period covers the local date. Periods of one region and
 * function never overlap, so at most one covers a date.
 */
export function activeContract<C extends ContractPeriod>(contracts: readonly C[], running: readonly RunningSlot[], localDate: string): C | undefined {
  const byId = new Map(contracts.map((c) => [c.id, c]));
  const first = [...running].sort((a, b) => a.startMs - b.startMs || (a.slotId < b.slotId ? -1 : 1)).find((s) => byId.has(s.contractId));
  if (first) return byId.get(first.contractId);
  return contracts.find((c) => c.validFrom <= localDate && (c.validTo === null || c.validTo >= localDate));
}

/** The active contract and only its running slots (at a handover another contract's slots may run too). */
export function findOnCall<C extends ContractPeriod>(
  contracts: readonly C[],
  running: readonly RunningSlot[],
  localDate: string,
): { contract: C; slots: RunningSlot[] } | null {
  const contract = activeContract(contracts, running, localDate);
  if (!contract) return null;
  return { contract, slots: running.filter((s) => s.contractId === contract.id) };
}
