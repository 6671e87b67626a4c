import request from 'supertest';
import { createApp } from '../src/bootstrap.js';
import { Clock } from '../src/common/clock.js';
import { ADMIN, bearer, startTestApp, type TestApp } from './support/test-app.js';
import { World } from './factories/world.js';

/**
 * Bursts of simultaneous requests. On PostgreSQL (TEST_DATABASE_URL) they are spread over two
 * instances of the service on one database, the second started after the data exists (its caches
 * are cold); on SQLite one instance gets them all. Nothing may hang, answer 5xx, or lose a write.
 */
const onPostgres = !!process.env.TEST_DATABASE_URL;

interface Instance {
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

let t: TestApp;
let w: World;

async function secondInstance(now: string): Promise<Instance> {
  if (!onPostgres) return { http: t.http, close: async () => undefined };
  const url = (t.db.options as { url: string }).url;
  const { app } = await createApp({ DATABASE_URL: url, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false', THROTTLE_LIMIT: '1000000' }, false);
  await app.init();
  app.get(Clock).set(Date.parse(now));
  return { http: request(app.getHttpServer()), close: () => app.close() };
}

/** A consortium contract in a fresh region, a daily night template, and `n` nurses of its members. */
async function consortiumRoster(n: number) {
  const region = await w.region();
  const lead = await w.provider();
  const member = await w.provider();
  const consortium = await w.post('/api/consortia', { name: 'Samen Nacht', leadAgb: lead.agb, memberAgbs: [member.agb] });
  const contract = await w.post('/api/contracts', {
    regionCode: region.code,
    insurerUzovi: region.preferredInsurerUzovi,
    function: 'unplanned-night-care',
    responsibleParty: { type: 'consortium', consortiumId: consortium.id },
    validFrom: '2027-01-01',
    validTo: '2027-12-31',
    fee: { perPositionHourCents: 4500 },
  });
  await w.template(contract.id);
  const nurses = [];
  for (let i = 0; i < n; i++) nurses.push(await w.nurse(i % 2 ? lead.agb : member.agb));
  const slots = await w.slots(region.code, '2027-03-01', '2027-03-31');
  return { region, contract, nurses, slots };
}

const statusesOf = (responses: Array<{ status: number }>) => responses.map((r) => r.status);

beforeAll(async () => {
  t = await startTestApp();
  w = new World(t);
});
afterAll(() => t.close());

it('20 simultaneous assignments in one consortium contract month are all answered, none with 5xx, and /health stays up', async () => {
  const { nurses, slots } = await consortiumRoster(20);
  const other = await secondInstance('2026-11-23T09:00:00Z');
  try {
    const answers = await Promise.all(
      nurses.map((nurse, i) => (i % 2 ? other.http : t.http).post(`/api/slots/${slots[i].id}/assignments`).set(bearer(ADMIN)).send({ nurseId: nurse.id })),
    );
    expect(statusesOf(answers)).toEqual(Array(20).fill(201));
    const rows = await t.sql(
      `SELECT COUNT(*) AS n FROM assignments WHERE status = 'active' AND slot_id IN (${slots
        .slice(0, 20)
        .map(() => '?')
        .join(',')})`,
      slots.slice(0, 20).map((s) => s.id),
    );
    expect(rows[0].n).toBe(20);
    const events = await t.sql(`SELECT COUNT(*) AS n FROM audit_events WHERE entity_type = 'assignment' AND action = 'create'`);
    expect(events[0].n).toBe(20);
    expect((await t.http.get('/health')).status).toBe(200);
    expect((await other.http.get('/health')).status).toBe(200);
  } finally {
    await other.close();
  }
}, 60_000);

it('a termination racing 20 assignments answers no 5xx and accounts for every acknowledged assignment', async () => {
  const { contract, nurses, slots } = await consortiumRoster(20);
  const other = await secondInstance('2026-11-23T09:00:00Z');
  try {
    // Half of the slots lie after the last day (2027-03-10): their assignments must be cancelled and listed.
    const burst = nurses.map((nurse, i) =>
      (i % 2 ? other.http : t.http).post(`/api/slots/${slots[i].id}/assignments`).set(bearer(ADMIN)).send({ nurseId: nurse.id }),
    );
    const terminate = t.http.post(`/api/contracts/${contract.id}/terminate`).set(bearer(ADMIN)).send({ lastDay: '2027-03-10' });
    const [termination, ...answers] = await Promise.all([terminate, ...burst]);
    expect(termination.status).toBe(200);
    for (const a of answers) expect([201, 404]).toContain(a.status);
    const created = answers.filter((a) => a.status === 201).map((a) => a.body);
    const cancelledIds = new Set(termination.body.cancelledAssignments.map((a: { id: string }) => a.id));
    for (const a of created) {
      const [row] = await t.sql('SELECT status FROM assignments WHERE id = ?', [a.id]);
      // Every acknowledged assignment still exists as a record: active on or before the last day,
      // or cancelled by the termination and listed in its answer, with an audit event.
      expect(row).toBeDefined();
      if (a.localDate <= '2027-03-10') {
        expect(row.status).toBe('active');
      } else {
        expect(row.status).toBe('cancelled');
        expect(cancelledIds.has(a.id)).toBe(true);
        const audit = await t.sql(`SELECT COUNT(*) AS n FROM audit_events WHERE entity_id = ? AND action = 'cancel'`, [a.id]);
        expect(audit[0].n).toBe(1);
      }
    }
    // Whatever was refused was refused because the slot had gone: only slots after the last day.
    for (const [i, a] of answers.entries()) if (a.status === 404) expect(slots[i].localDate > '2027-03-10').toBe(true);
    const left = await t.sql(`SELECT COUNT(*) AS n FROM slots WHERE contract_id = ? AND local_date > '2027-03-10'`, [contract.id]);
    expect(left[0].n).toBe(0);
    const counts = await t.sql(
      `SELECT s.id, s.assigned_count AS n, (SELECT COUNT(*) FROM assignments a WHERE a.slot_id = s.id AND a.status = 'active') AS active FROM slots s WHERE s.contract_id = ?`,
      [contract.id],
    );
    for (const c of counts) expect(Number(c.n)).toBe(Number(c.active));
  } finally {
    await other.close();
  }
}, 60_000);

it('a forced template deletion racing assignments cancels and lists every acknowledged one', async () => {
  const { contract, nurses, slots } = await consortiumRoster(10);
  const [template] = (await t.http.get(`/api/contracts/${contract.id}/templates`).set(bearer(ADMIN))).body;
  const other = await secondInstance('2026-11-23T09:00:00Z');
  try {
    const burst = nurses.map((nurse, i) =>
      (i % 2 ? other.http : t.http).post(`/api/slots/${slots[i].id}/assignments`).set(bearer(ADMIN)).send({ nurseId: nurse.id }),
    );
    const [deletion, ...answers] = await Promise.all([t.http.delete(`/api/templates/${template.id}`).query({ force: 'true' }).set(bearer(ADMIN)), ...burst]);
    expect(deletion.status).toBe(200);
    for (const a of answers) expect([201, 404]).toContain(a.status);
    const listed = new Set(deletion.body.cancelledAssignments.map((a: { id: string }) => a.id));
    for (const a of answers.filter((r) => r.status === 201)) {
      expect(listed.has(a.body.id)).toBe(true);
      const [row] = await t.sql('SELECT status FROM assignments WHERE id = ?', [a.body.id]);
      expect(row.status).toBe('cancelled');
    }
  } finally {
    await other.close();
  }
}, 60_000);

it('30 simultaneous creates of one region give one 201 and 409s; the stored row is the one acknowledged', async () => {
  const insurer = await w.insurer();
  const other = await secondInstance('2026-11-23T09:00:00Z');
  try {
    const zones = ['Europe/Amsterdam', 'Europe/Brussels', 'America/Curacao'];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? other.http : t.http)
          .post('/api/regions')
          .set(bearer(ADMIN))
          .send({ code: 'RACE', name: `Race ${i}`, population: 1000 + i, preferredInsurerUzovi: insurer.uzovi, timezone: zones[i % 3] }),
      ),
    );
    const statuses = statusesOf(answers).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(29);
    const winner = answers.find((a) => a.status === 201)!.body;
    const stored = (await t.http.get('/api/regions/RACE').set(bearer(ADMIN))).body;
    expect(stored).toEqual(winner);
    const events = await t.sql(`SELECT COUNT(*) AS n FROM audit_events WHERE entity_type = 'region' AND entity_id = 'RACE'`);
    expect(events[0].n).toBe(1);
  } finally {
    await other.close();
  }
}, 60_000);

it('an offer approved and withdrawn at the same moment ends in exactly one of the two', async () => {
  for (let round = 0; round < 3; round++) {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id);
    const giver = await w.nurse(provider.agb);
    const taker = await w.nurse(provider.agb);
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const giverUser = await w.user('nurse', { nurseId: giver.id });
    const takerUser = await w.user('nurse', { nurseId: taker.id });
    const slot = await w.slotOn(region.code, '2027-04-01');
    const assignment = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: giver.id }, coordinator.token);
    const offer = await w.post(`/api/assignments/${assignment.id}/offers`, { toNurseId: taker.id }, giverUser.token);
    await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(takerUser.token)).expect(200);
    const [approve, withdraw] = await Promise.all([
      t.http.post(`/api/offers/${offer.id}/approve`).set(bearer(coordinator.token)),
      t.http.post(`/api/offers/${offer.id}/withdraw`).set(bearer(giverUser.token)),
    ]);
    expect(statusesOf([approve, withdraw]).sort()).toEqual([200, 409]);
    const [row] = await t.sql('SELECT status FROM offers WHERE id = ?', [offer.id]);
    const active = await t.sql(`SELECT nurse_id FROM assignments WHERE slot_id = ? AND status = 'active'`, [slot.id]);
    if (approve.status === 200) {
      expect(row.status).toBe('approved');
      expect(active.map((a) => a.nurse_id)).toEqual([taker.id]);
    } else {
      expect(row.status).toBe('withdrawn');
      expect(active.map((a) => a.nurse_id)).toEqual([giver.id]);
    }
  }
}, 60_000);
