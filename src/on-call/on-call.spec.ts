import { activeContract, findOnCall, type RunningSlot } from './on-call.js';

const oldContract = { id: 'old', validFrom: '2027-01-01', validTo: '2027-06-30' };
const newContract = { id: 'new', validFrom: '2027-07-01', validTo: null };
const night = (contractId: string, startMs: number): RunningSlot => ({
  slotId: `${contractId}-${startMs}`,
  contractId,
  startMs,
  endMs: startMs + 8 * 3_600_000,
  nurses: [],
});

describe('who is on call', () => {
  it('on a plain day the contract whose period covers the local date is active', () => {
    expect(activeContract([oldContract, newContract], [], '2027-05-01')).toBe(oldContract);
    expect(activeContract([oldContract, newContract], [], '2027-07-02')).toBe(newContract);
  });

  it('the last night of an ended contract still belongs to it after midnight', () => {
    expect(activeContract([oldContract, newContract], [night('old', 1000)], '2027-07-01')).toBe(oldContract);
  });

  it('at a handover only the active contract’s slots are answered, not the next contract’s early slot', () => {
    const found = findOnCall([oldContract, newContract], [night('new', 2000), night('old', 1000)], '2027-07-01');
    expect(found?.contract).toBe(oldContract);
    expect(found?.slots.map((s) => s.contractId)).toEqual(['old']);
  });

  it('without a contract covering the date or a running slot nobody is on call', () => {
    expect(findOnCall([oldContract], [], '2026-12-31')).toBeNull();
  });
});
