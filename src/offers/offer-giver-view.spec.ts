import { asSeenByGiver, giverStatus } from './offer-giver-view.js';

const offer = {
  id: 'o1',
  status: 'accepted' as const,
  toNurseId: 'dirk',
  takerNurseId: 'dirk',
  takerNurseName: 'Dirk',
  newAssignmentId: null,
  createdAt: '2027-06-01T10:00:00+02:00',
  updatedAt: '2027-06-02T11:30:00+02:00',
};

describe('an offer as its giver reads it', () => {
  it('an accepted offer waiting for the coordinator reads as open, with no taker and no later change', () => {
    expect(asSeenByGiver(offer)).toEqual({ ...offer, status: 'open', takerNurseId: null, takerNurseName: null, updatedAt: offer.createdAt });
  });

  it('a taken offer says who took it and when', () => {
    const approved = { ...offer, status: 'approved' as const, newAssignmentId: 'a2' };
    expect(asSeenByGiver(approved)).toEqual(approved);
  });

  it('an offer withdrawn, rejected or cancelled after an acceptance names no taker, but keeps its own time', () => {
    for (const status of ['withdrawn', 'rejected', 'cancelled'] as const) {
      expect(asSeenByGiver({ ...offer, status })).toEqual({ ...offer, status, takerNurseId: null, takerNurseName: null });
    }
  });

  it('the giver reads two states while an offer is under way: open (pending) and approved (taken)', () => {
    expect(['open', 'accepted', 'approved'].map((s) => giverStatus(s as 'open'))).toEqual(['open', 'open', 'approved']);
  });
});
