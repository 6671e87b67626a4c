import { type Duty, nextStep, type PolicyRequest, type Recipient } from './escalation-policy.js';

const nurse = (id: string): Recipient => ({ key: `nurse:${id}`, nurseId: id, userId: `u-${id}`, name: `Nurse ${id}` });
const coordinator = (id: string): Recipient => ({ key: `user:${id}`, nurseId: null, userId: id, name: `Coordinator ${id}` });
const MIN = 60_000;
const T0 = Date.parse('2027-03-01T10:00:00Z');

const fresh: PolicyRequest = { status: 'paging', step: null, stepStartedAt: T0, ackMinutes: 10 };
const atStep = (step: number, over: Partial<PolicyRequest> = {}): PolicyRequest => ({ status: 'paging', step, stepStartedAt: T0, ackMinutes: 10, ...over });
const duty = (over: Partial<Duty> = {}): Duty => ({ onDuty: [nurse('a')], party: [nurse('a'), nurse('b')], coordinators: [coordinator('c')], ...over });

describe('escalation policy', () => {
  it('a new request pages the nurses on duty at step 1 and is due for step 2 after ackMinutes', () => {
    expect(nextStep(fresh, [], duty(), T0)).toEqual({ kind: 'page', step: 1, recipients: [nurse('a')], status: 'paging', nextStepAt: T0 + 10 * MIN });
  });

  it('with nobody on duty, a new request goes straight to the party nurses at step 2', () => {
    expect(nextStep(fresh, [], duty({ onDuty: [] }), T0)).toMatchObject({ kind: 'page', step: 2, recipients: [nurse('a'), nurse('b')] });
  });

  it('with nobody on duty and no party nurse on a slot, a new request goes straight to the coordinators and is escalated', () => {
    expect(nextStep(fresh, [], duty({ onDuty: [], party: [] }), T0)).toEqual({
      kind: 'page',
      step: 3,
      recipients: [coordinator('c')],
      status: 'escalated',
      nextStepAt: null,
    });
  });

  it('with nobody at all to page, the request is still escalated at step 3, with no page', () => {
    expect(nextStep(fresh, [], { onDuty: [], party: [], coordinators: [] }, T0)).toEqual({
      kind: 'page',
      step: 3,
      recipients: [],
      status: 'escalated',
      nextStepAt: null,
    });
  });

  it('before ackMinutes have passed since the step was paged, it waits until then', () => {
    expect(nextStep(atStep(1), [{ recipient: 'nurse:a' }], duty(), T0 + 10 * MIN - 1)).toEqual({ kind: 'wait', until: T0 + 10 * MIN });
  });

  it('the SLA ackMinutes of the contract sets the wait', () => {
    expect(nextStep(atStep(1, { ackMinutes: 3 }), [{ recipient: 'nurse:a' }], duty(), T0 + 2 * MIN)).toEqual({ kind: 'wait', until: T0 + 3 * MIN });
  });

  it('after ackMinutes without an acknowledgement, step 2 pages the party nurses not paged before', () => {
    expect(nextStep(atStep(1), [{ recipient: 'nurse:a' }], duty(), T0 + 10 * MIN)).toEqual({
      kind: 'page',
      step: 2,
      recipients: [nurse('b')],
      status: 'paging',
      nextStepAt: T0 + 20 * MIN,
    });
  });

  it('when every party nurse was already paged at step 1, step 2 passes straight to the coordinators', () => {
    expect(nextStep(atStep(1), [{ recipient: 'nurse:a' }, { recipient: 'nurse:b' }], duty(), T0 + 10 * MIN)).toMatchObject({
      kind: 'page',
      step: 3,
      recipients: [coordinator('c')],
      status: 'escalated',
    });
  });

  it('after step 2 has gone unanswered, step 3 pages the coordinators', () => {
    expect(nextStep(atStep(2), [{ recipient: 'nurse:a' }, { recipient: 'nurse:b' }], duty(), T0 + 10 * MIN)).toMatchObject({
      kind: 'page',
      step: 3,
      recipients: [coordinator('c')],
    });
  });

  it('someone listed twice for a step is paged once', () => {
    expect(nextStep(fresh, [], duty({ onDuty: [nurse('a'), nurse('a')] }), T0)).toMatchObject({ recipients: [nurse('a')] });
  });

  it('after step 3 nothing more is paged', () => {
    expect(nextStep(atStep(3, { status: 'escalated' }), [], duty(), T0 + 60 * MIN)).toEqual({ kind: 'stop' });
    expect(nextStep(atStep(3), [], duty(), T0 + 60 * MIN)).toEqual({ kind: 'stop' });
  });

  it.each(['acknowledged', 'resolved', 'cancelled'] as const)('a %s request pages nobody any more', (status) => {
    expect(nextStep(atStep(1, { status }), [], duty(), T0 + 60 * MIN)).toEqual({ kind: 'stop' });
  });
});
