import { ReferralTimeouts } from '../src/referrals/referral-timeouts.js';
import { ADMIN, bearer, dbState, type TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';
import { desk, type Desk, publish, refer } from './factories/referrals.js';

/**
 * The referral figures: a month of referrals in every state, then `GET /api/referrals/stats`
 * compared with the same figures recomputed here from `GET /api/referrals` (the list a client
 * reads); the share of the month with room worked out by hand from a history of publications and
 * a place taken; and who may read the figures.
 */
let t: TestApp;
let w: World;
const MIN = 60_000;
const CARE_KINDS = ['basic', 'palliative', 'wound-care', 'infusion-therapy', 'dementia-case-management'];

beforeAll(async () => {
  ({ t, w } = await startWorld());
}, 60_000);
afterAll(() => t.close());

const at = (iso: string) => t.setNow(iso);
const later = (minutes: number) => t.clock.set(t.clock.now() + minutes * MIN);
const post = async (path: string, token: string, body: object = {}) => {
  const res = await t.http.post(path).set(bearer(token)).send(body);
  if (res.status >= 300) throw new Error(`POST ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const tick = () => t.app.get(ReferralTimeouts).tick();

// ---- the figures as a client would compute them from the list ----

const wholeMinutes = (ms: number) => (ms <= 0 ? 0 : Math.floor((ms + 30_000) / 60_000));
const nearestRank = (sorted: number[], pct: number) => (sorted.length ? sorted[Math.max(0, Math.ceil((pct / 100) * sorted.length) - 1)] : null);
const pct2 = (part: number, whole: number) => Math.round((10_000 * part) / whole) / 100;

function recompute(list: any[], norms: Record<string, number>, now: number) {
  const minutesOf = (r: any) => (r.placedAt ? wholeMinutes(Date.parse(r.placedAt) - Date.parse(r.createdAt)) : null);
  const placed = list.filter((r) => r.placedAt !== null);
  const minutes = placed.map((r) => minutesOf(r) as number).sort((a, b) => a - b);
  let within = 0;
  let decided = 0;
  for (const r of list) {
    const norm = norms[r.urgency];
    const m = minutesOf(r);
    const deadline = Date.parse(r.createdAt) + norm * MIN;
    if (m !== null) {
      decided++;
      if (m <= norm) within++;
      continue;
    }
    const withdrawn = r.cancelledAt ?? (r.outcome === 'no-longer-needed' ? r.closedAt : null);
    if (withdrawn !== null && Date.parse(withdrawn) < deadline) continue;
    if (r.outcome === 'placed-outside' || now >= deadline) decided++;
  }
  const offers = list.flatMap((r) => r.offers);
  const declines: Record<string, number> = { 'no-places': 0, 'no-expertise': 0, 'outside-area': 0, other: 0 };
  for (const o of offers) if (o.answer === 'declined') declines[o.reason]++;
  return {
    referrals: list.length,
    placed: placed.length,
    escalated: list.filter((r) => r.escalatedAt !== null).length,
    cancelled: list.filter((r) => r.status === 'cancelled').length,
    closedOutside: list.filter((r) => r.outcome === 'placed-outside').length,
    medianMinutesToPlacement: nearestRank(minutes, 50),
    p90MinutesToPlacement: nearestRank(minutes, 90),
    placedWithinNormPct: decided ? pct2(within, decided) : null,
    offersPerPlacement: placed.length
      ? pct2(
          placed.reduce((n, r) => n + r.offers.length, 0),
          placed.length * 100,
        )
      : null,
    declines,
    timeouts: offers.filter((o) => o.answer === 'timed-out').length,
    byCareKind: CARE_KINDS.map((careKind) => {
      const asking = list.filter((r) => r.careKinds.includes(careKind));
      const m = asking
        .map(minutesOf)
        .filter((x): x is number => x !== null)
        .sort((a, b) => a - b);
      return { careKind, referrals: asking.length, placed: m.length, medianMinutesToPlacement: nearestRank(m, 50) };
    }),
  };
}

describe('a month of referrals', () => {
  let d: Desk;
  beforeAll(async () => {
    at('2026-11-20T09:00:00Z');
    d = await desk(w, [
      [
        { places: 9, primary: true },
        { careKind: 'wound-care', places: 2 },
      ],
      [{ places: 5 }],
      [{ places: 0 }],
    ]);
    // Fresh capacity for the whole month: grey only after a week without publishing.
    await t.http.patch(`/api/regions/${d.region}`).set(bearer(ADMIN)).send({ capacityStaleHours: 168 });
    const [p1, p2, p4] = d.providers;
    const republish = async () => {
      await publish(w, p1, [
        { regionCode: d.region, places: 9, primary: true },
        { regionCode: d.region, careKind: 'wound-care', places: 2 },
      ]);
      await publish(w, p2, [{ regionCode: d.region, places: 5 }]);
      await publish(w, p4, [{ regionCode: d.region, places: 0 }]);
    };
    // November: not in December's figures.
    await refer(w, d, { startOn: '2026-11-20', referrerReference: 'NOV-1' });

    // 1: placed by the first provider after 10 minutes.
    at('2026-12-01T09:00:00Z');
    await republish();
    const r1 = await refer(w, d, { startOn: '2026-12-01', referrerReference: 'DEC-1' });
    later(10);
    await post(`/api/referrals/${r1.id}/accept`, p1.token);

    // 2: basic and wound care: declined, nobody else has wound care → the desk; offered by hand, placed after 200 minutes.
    at('2026-12-02T09:00:00Z');
    const r2 = await refer(w, d, { urgency: 'within-24h', careKinds: ['basic', 'wound-care'], startOn: '2026-12-03', referrerReference: 'DEC-2' });
    later(5);
    await post(`/api/referrals/${r2.id}/decline`, p1.token, { reason: 'no-expertise' });
    later(100);
    await post(`/api/referrals/${r2.id}/offer`, d.coordinator.token, { agb: p2.agb });
    later(95);
    await post(`/api/referrals/${r2.id}/accept`, p2.token);

    // 3: timed out, declined, escalated, closed as placed elsewhere.
    at('2026-12-03T09:00:00Z');
    const r3 = await refer(w, d, { startOn: '2026-12-03', referrerReference: 'DEC-3' });
    later(30);
    await tick();
    await post(`/api/referrals/${r3.id}/decline`, p2.token, { reason: 'no-places' });
    later(60);
    await post(`/api/referrals/${r3.id}/close`, d.coordinator.token, { outcome: 'placed-outside' });

    // 4: cancelled by its referrer after 5 minutes.
    at('2026-12-04T09:00:00Z');
    const r4 = await refer(w, d, { urgency: 'planned', startOn: '2026-12-10', referrerReference: 'DEC-4' });
    later(5);
    await post(`/api/referrals/${r4.id}/cancel`, d.partner.token);

    // 5: two timeouts, escalated, the red provider offered by hand, placed after 125 minutes (beyond the norm of 120).
    at('2026-12-05T09:00:00Z');
    await republish();
    const r5 = await refer(w, d, { startOn: '2026-12-05', referrerReference: 'DEC-5' });
    later(30);
    await tick();
    later(30);
    await tick();
    later(40);
    await post(`/api/referrals/${r5.id}/offer`, d.coordinator.token, { agb: p4.agb });
    later(25);
    await post(`/api/referrals/${r5.id}/accept`, p4.token);

    // 6: still offered long after its norm; 7: no longer needed before its norm.
    at('2026-12-06T09:00:00Z');
    await refer(w, d, { startOn: '2026-12-06', referrerReference: 'DEC-6' });
    at('2026-12-31T22:30:00Z'); // 23:30 on 31 December in Amsterdam
    const r7 = await refer(w, d, { urgency: 'planned', startOn: '2027-01-04', referrerReference: 'DEC-7' });
    later(10);
    await post(`/api/referrals/${r7.id}/close`, d.coordinator.token, { outcome: 'no-longer-needed' });

    // January: not in December's figures either.
    at('2026-12-31T23:00:00Z');
    await refer(w, d, { startOn: '2027-01-01', referrerReference: 'JAN-1' });
    at('2027-01-05T09:00:00Z');
  }, 120_000);

  it('the figures are what a client recomputes from the list of the month’s referrals', async () => {
    const list = (
      await t.http
        .get('/api/referrals')
        .query({ regionCode: d.region, from: '2026-12-01T00:00:00+01:00', to: '2027-01-01T00:00:00+01:00' })
        .set(bearer(d.coordinator.token))
    ).body;
    expect(list.map((r: any) => r.referrerReference).sort()).toEqual(['DEC-1', 'DEC-2', 'DEC-3', 'DEC-4', 'DEC-5', 'DEC-6', 'DEC-7']);
    const region = (await t.http.get(`/api/regions/${d.region}`).set(bearer(ADMIN))).body;
    const stats = await t.http.get('/api/referrals/stats').query({ regionCode: d.region, month: '2026-12' }).set(bearer(d.coordinator.token));
    expect(stats.status).toBe(200);
    const { capacityGreenPct, ...figures } = stats.body;
    expect(figures).toEqual(recompute(list, region.placementNormMinutes, t.clock.now()));
    expect(capacityGreenPct.map((c: any) => c.careKind)).toEqual(CARE_KINDS);
  });

  it('the figures as they stand, worked out by hand', async () => {
    const stats = (await t.http.get('/api/referrals/stats').query({ regionCode: d.region, month: '2026-12' }).set(bearer(ADMIN))).body;
    expect(stats).toMatchObject({
      referrals: 7,
      placed: 3,
      // 2, 3 and 5; and 7: by 31 December every provider had gone a week without publishing (grey).
      escalated: 4,
      cancelled: 1,
      closedOutside: 1,
      // 10, 125, 200 minutes.
      medianMinutesToPlacement: 125,
      p90MinutesToPlacement: 200,
      // Decided: 1 (within), 2 (within), 3 (missed: outside), 5 (missed), 6 (missed); 4 and 7 withdrawn before their norm.
      placedWithinNormPct: 40,
      // Offers of the placed: 1 + 2 + 3 = 6 for 3.
      offersPerPlacement: 2,
      declines: { 'no-places': 1, 'no-expertise': 1, 'outside-area': 0, other: 0 },
      timeouts: 3,
    });
    expect(stats.byCareKind[0]).toEqual({ careKind: 'basic', referrals: 7, placed: 3, medianMinutesToPlacement: 125 });
    expect(stats.byCareKind[2]).toEqual({ careKind: 'wound-care', referrals: 1, placed: 1, medianMinutesToPlacement: 200 });
  });

  it('the region’s preferred insurer and admin read them; another insurer, another coordinator and a partner do not; nothing is written', async () => {
    const insurer = await w.user('insurer', { insurerUzovi: d.insurer });
    const elsewhere = await desk(w, []);
    const otherInsurer = await w.user('insurer', { insurerUzovi: elsewhere.insurer });
    const before = await dbState(t.db);
    const stats = (token: string, q: object = { regionCode: d.region, month: '2026-12' }) => t.http.get('/api/referrals/stats').query(q).set(bearer(token));
    expect((await stats(insurer.token)).status).toBe(200);
    expect((await stats(otherInsurer.token)).body.code).toBe('forbidden');
    expect((await stats(elsewhere.coordinator.token)).status).toBe(403);
    expect((await stats(d.partner.token)).status).toBe(403);
    expect((await stats(d.providers[0].token)).status).toBe(403);
    expect((await stats(ADMIN, { regionCode: 'NOWHERE', month: '2026-12' })).status).toBe(404);
    expect((await stats(ADMIN, { regionCode: d.region, month: '2026-13' })).status).toBe(400);
    expect((await stats(ADMIN, { regionCode: d.region })).status).toBe(400);
    expect(await dbState(t.db)).toEqual(before);
  });
});

describe('the share of the month with room', () => {
  it('follows publications, staleness and a place taken by an acceptance, to the millisecond', async () => {
    at('2026-11-30T23:00:00Z'); // 1 December 00:00 in Amsterdam
    const d = await desk(w, [[{ places: 1 }], [{ careKind: 'palliative', postcodes: ['1050'], places: 2 }]]);
    await t.http.patch(`/api/regions/${d.region}`).set(bearer(ADMIN)).send({ capacityStaleHours: 168 });
    const [a] = d.providers;
    // 2 December 00:00: A's only basic place is taken.
    at('2026-12-01T23:00:00Z');
    const r = await refer(w, d, { startOn: '2026-12-02' });
    await post(`/api/referrals/${r.id}/accept`, a.token);
    // 5 December 00:00: A taps its line back to 3 places, which is a publication too.
    at('2026-12-04T23:00:00Z');
    const line = (await t.http.get(`/api/providers/${a.agb}/intake`).set(bearer(a.token))).body.lines[0].id;
    await t.http.patch(`/api/providers/${a.agb}/intake/lines/${line}`).set(bearer(a.token)).send({ places: 3 });
    at('2027-01-05T09:00:00Z');
    const stats = (await t.http.get('/api/referrals/stats').query({ regionCode: d.region, month: '2026-12' }).set(bearer(ADMIN))).body;
    // Basic: 1 day, then from 5 December until a week after that publication (12 December 00:00:00.001): 8 days and 1 ms of 31.
    // Palliative: published 1 December, never again: a week and 1 ms of 31 days.
    expect(stats.capacityGreenPct).toEqual([
      { careKind: 'basic', pct: 25.81 },
      { careKind: 'palliative', pct: 22.58 },
      { careKind: 'wound-care', pct: null },
      { careKind: 'infusion-therapy', pct: null },
      { careKind: 'dementia-case-management', pct: null },
    ]);
    // A month that has not begun has no share yet.
    const future = (await t.http.get('/api/referrals/stats').query({ regionCode: d.region, month: '2027-02' }).set(bearer(ADMIN))).body;
    expect(future.capacityGreenPct.every((c: any) => c.pct === null)).toBe(true);
    expect(future.referrals).toBe(0);
  });
});
