import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { Locks } from '../src/database/locks.js';
import { Transactions } from '../src/database/transactions.js';
import { ADMIN, bearer, dbState, startTestApp, type TestApp } from './support/test-app.js';
import { World } from './factories/world.js';

const onPostgres = !!process.env.TEST_DATABASE_URL;

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await startTestApp();
  w = new World(t);
});
afterAll(() => t.close());

describe('scope of what an answer reveals', () => {
  it("an absence recorded by one region's coordinator lists only that region's cancelled duties and counts the others", async () => {
    const provider = await w.provider();
    const here = await w.contracted({ contract: {} });
    const there = await w.contracted();
    // One provider holds both contracts: its nurse works in both regions.
    for (const [region, fn] of [
      [here.region, 'acute-screening'],
      [there.region, 'acute-screening'],
    ] as const) {
      await w.post('/api/contracts', {
        regionCode: region.code,
        insurerUzovi: region.preferredInsurerUzovi,
        function: fn,
        responsibleParty: { type: 'provider', agb: provider.agb },
        validFrom: '2027-01-01',
        validTo: '2027-12-31',
      });
    }
    const contracts = (await t.http.get('/api/contracts').query({ function: 'acute-screening' }).set(bearer(ADMIN))).body;
    const mine = contracts.find((c: { regionCode: string }) => c.regionCode === here.region.code);
    const theirs = contracts.find((c: { regionCode: string }) => c.regionCode === there.region.code);
    await w.template(mine.id, { name: 'Dag', startTime: '08:00', endTime: '16:00' });
    await w.template(theirs.id, { name: 'Dag', startTime: '08:00', endTime: '16:00' });
    const nurse = await w.nurse(provider.agb);
    const mySlot = (await w.slots(here.region.code, '2027-06-01', '2027-06-01')).find((s) => s.function === 'acute-screening')!;
    const theirSlot = (await w.slots(there.region.code, '2027-06-03', '2027-06-03')).find((s) => s.function === 'acute-screening')!;
    await w.post(`/api/slots/${mySlot.id}/assignments`, { nurseId: nurse.id });
    await w.post(`/api/slots/${theirSlot.id}/assignments`, { nurseId: nurse.id });
    const coordinator = await w.user('coordinator', { regionCodes: [here.region.code] });
    const res = await t.http
      .post(`/api/nurses/${nurse.id}/absences`)
      .set(bearer(coordinator.token))
      .send({ from: '2027-06-01', to: '2027-06-05', reason: 'leave' });
    expect(res.status).toBe(201);
    expect(res.body.cancelledAssignments.map((a: { slotId: string }) => a.slotId)).toEqual([mySlot.id]);
    expect(res.body.cancelledElsewhere).toBe(1);
    expect(JSON.stringify(res.body)).not.toContain(there.region.code);
    // Both were cancelled all the same (the other region finds a gap).
    const active = await t.sql(`SELECT COUNT(*) AS n FROM assignments WHERE nurse_id = ? AND status = 'active'`, [nurse.id]);
    expect(active[0].n).toBe(0);
    const admin = await t.http.post(`/api/nurses/${nurse.id}/absences`).set(bearer(ADMIN)).send({ from: '2027-07-01', to: '2027-07-01', reason: 'other' });
    expect(admin.body.cancelledElsewhere).toBe(0);
  });

  it("assigning another organisation's nurse answers as for an unknown nurse, without its employer", async () => {
    const { region, contract } = await w.contracted();
    await w.template(contract.id);
    const stranger = await w.nurse((await w.provider()).agb);
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const slot = await w.slotOn(region.code, '2027-05-01');
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(coordinator.token)).send({ nurseId: stranger.id });
    const ghost = await t.http.post(`/api/slots/${slot.id}/assignments`).set(bearer(coordinator.token)).send({ nurseId: 'no-such-nurse' });
    expect(res.status).toBe(422);
    expect(res.body.violations).toEqual([{ rule: 'unknown-reference', message: `nurse ${stranger.id} does not exist` }]);
    expect(JSON.stringify(res.body)).not.toContain(stranger.employerAgb);
    expect(ghost.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['unknown-reference']);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a shift cannot be offered to a nurse of another organisation (answered as unknown), nor seen by her', async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id);
    const giver = await w.nurse(provider.agb);
    const stranger = await w.nurse((await w.provider()).agb);
    const giverUser = await w.user('nurse', { nurseId: giver.id });
    const strangerUser = await w.user('nurse', { nurseId: stranger.id });
    const slot = await w.slotOn(region.code, '2027-05-02');
    const assignment = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: giver.id });
    const before = await dbState(t.db);
    const res = await t.http.post(`/api/assignments/${assignment.id}/offers`).set(bearer(giverUser.token)).send({ toNurseId: stranger.id });
    expect(res.status).toBe(422);
    expect(res.body.violations).toEqual([{ rule: 'unknown-reference', message: `nurse ${stranger.id} does not exist` }]);
    expect(await dbState(t.db)).toEqual(before);
    const open = await w.post(`/api/assignments/${assignment.id}/offers`, {}, giverUser.token);
    const seen = (await t.http.get('/api/offers').set(bearer(strangerUser.token))).body;
    expect(seen.map((o: { id: string }) => o.id)).not.toContain(open.id);
  });
});

describe('removed assignments stay records', () => {
  it('terminating a contract cancels the offers on its removed assignments; accepting one is a 409, not a 500', async () => {
    const { region, provider, contract } = await w.contracted();
    await w.template(contract.id);
    const giver = await w.nurse(provider.agb);
    const taker = await w.nurse(provider.agb);
    const giverUser = await w.user('nurse', { nurseId: giver.id });
    const takerUser = await w.user('nurse', { nurseId: taker.id });
    const slot = await w.slotOn(region.code, '2027-09-15');
    const assignment = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: giver.id });
    const offer = await w.post(`/api/assignments/${assignment.id}/offers`, {}, giverUser.token);
    const terminated = await t.http.post(`/api/contracts/${contract.id}/terminate`).set(bearer(ADMIN)).send({ lastDay: '2027-08-31' });
    expect(terminated.status).toBe(200);
    expect(terminated.body.cancelledAssignments.map((a: { id: string }) => a.id)).toEqual([assignment.id]);
    const [row] = await t.sql('SELECT status, cancel_reason FROM assignments WHERE id = ?', [assignment.id]);
    expect(row.status).toBe('cancelled');
    const [offerRow] = await t.sql('SELECT status FROM offers WHERE id = ?', [offer.id]);
    expect(offerRow.status).toBe('cancelled');
    const accept = await t.http.post(`/api/offers/${offer.id}/accept`).set(bearer(takerUser.token));
    expect(accept.status).toBe(409);
    const audit = await t.sql(`SELECT COUNT(*) AS n FROM audit_events WHERE entity_id = ? AND action = 'cancel'`, [assignment.id]);
    expect(audit[0].n).toBe(1);
  });
});

describe('termination and fee statements', () => {
  it("terminating deletes the drafts of months after the last day and recomputes the last day's month", async () => {
    const { contract } = await w.contracted({ contract: { fee: { fixedMonthlyCents: 300_000, perPositionHourCents: 4500 } } });
    await w.template(contract.id);
    for (const month of ['2027-05', '2027-06', '2027-07']) await w.post('/api/fee-statements', { month, contractId: contract.id }, ADMIN, 200);
    const before = (await t.http.get('/api/fee-statements').query({ contractId: contract.id }).set(bearer(ADMIN))).body;
    expect(before.map((s: { month: string }) => s.month)).toEqual(['2027-05', '2027-06', '2027-07']);
    const june = before.find((s: { month: string }) => s.month === '2027-06');
    const res = await t.http.post(`/api/contracts/${contract.id}/terminate`).set(bearer(ADMIN)).send({ lastDay: '2027-06-15' });
    expect(res.status).toBe(200);
    const after = (await t.http.get('/api/fee-statements').query({ contractId: contract.id }).set(bearer(ADMIN))).body;
    expect(after.map((s: { month: string }) => s.month)).toEqual(['2027-05', '2027-06']);
    const shortJune = after.find((s: { month: string }) => s.month === '2027-06');
    expect(shortJune.id).toBe(june.id);
    // 15 of 30 days: half the fixed amount, and only the 15 nights' position-minutes.
    expect(shortJune.lines.fixedCents).toBe(150_000);
    expect(shortJune.positionMinutes).toBe(15 * 8 * 60);
  });

  it('an absence racing the finalization of its month either lands before it or is refused whole', async () => {
    for (let round = 0; round < 3; round++) {
      const { region, provider, contract } = await w.contracted({ contract: { validFrom: '2026-01-01', validTo: '2026-12-31' } });
      t.setNow('2026-05-01T09:00:00Z');
      try {
        await w.template(contract.id);
        const nurse = await w.nurse(provider.agb);
        for (const day of ['2026-05-03', '2026-05-10', '2026-05-17']) {
          const slot = await w.slotOn(region.code, day);
          await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
        }
        const [draft] = await w.post('/api/fee-statements', { month: '2026-05', contractId: contract.id }, ADMIN, 200);
        t.setNow('2026-06-02T09:00:00Z');
        const [absence, finalize] = await Promise.all([
          t.http.post(`/api/nurses/${nurse.id}/absences`).set(bearer(ADMIN)).send({ from: '2026-05-01', to: '2026-05-31', reason: 'sick' }),
          t.http.post(`/api/fee-statements/${draft.id}/finalize`).set(bearer(ADMIN)),
        ]);
        expect(finalize.status).toBe(200);
        expect([201, 409]).toContain(absence.status);
        const active = await t.sql(`SELECT COUNT(*) AS n FROM assignments WHERE nurse_id = ? AND status = 'active'`, [nurse.id]);
        // What became final is what the roster says, and a closed month's roster no longer changes.
        expect(finalize.body.coveredMinutes).toBe(active[0].n * 8 * 60);
        expect(active[0].n).toBe(absence.status === 201 ? 0 : 3);
      } finally {
        t.setNow('2026-11-23T09:00:00Z');
      }
    }
  });
});

describe('who is on call at a handover', () => {
  it("answers the ending contract's night and not the next contract's slot that runs at the same time", async () => {
    const region = await w.region();
    const provider = await w.provider();
    const next = await w.provider();
    const contract = (agb: string, validFrom: string, validTo?: string) =>
      w.post('/api/contracts', {
        regionCode: region.code,
        insurerUzovi: region.preferredInsurerUzovi,
        function: 'unplanned-night-care',
        responsibleParty: { type: 'provider', agb },
        validFrom,
        ...(validTo ? { validTo } : {}),
      });
    const ending = await contract(provider.agb, '2027-01-01', '2027-06-30');
    const starting = await contract(next.agb, '2027-07-01', '2027-12-31');
    await w.template(ending.id);
    await w.template(starting.id, { name: 'Vroeg', startTime: '00:00', endTime: '08:00' });
    const res = await t.http
      .get('/api/on-call')
      .query({ regionCode: region.code, function: 'unplanned-night-care', at: '2027-07-01T03:00:00+02:00' })
      .set(bearer(ADMIN));
    expect(res.status).toBe(200);
    expect(res.body.contract.id).toBe(ending.id);
    expect(res.body.slots).toHaveLength(1);
    expect(res.body.slots[0].start).toBe('2027-06-30T23:00:00+02:00');
  });
});

describe('bounded work', () => {
  it('a template over a contract of eleven centuries is refused with too-many-slots and writes nothing', async () => {
    const { contract } = await w.contracted({ contract: { validFrom: '1900-01-01', validTo: '2999-12-31' } });
    const before = await dbState(t.db);
    const res = await t.http
      .post(`/api/contracts/${contract.id}/templates`)
      .set(bearer(ADMIN))
      .send({ name: 'Nacht', rrule: 'FREQ=DAILY', startTime: '23:00', endTime: '07:00' });
    expect(res.status).toBe(422);
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toEqual(['too-many-slots']);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a query inside a transaction that would borrow a second connection fails at once instead of waiting', async () => {
    const tx = t.app.get(Transactions);
    const db = t.app.get(DataSource);
    await expect(tx.run(async () => db.query('SELECT 1'))).rejects.toThrow(/second connection/);
    await expect(tx.run(async (m) => m.query('SELECT 1 AS one'))).resolves.toEqual([{ one: 1 }]);
  });

  (onPostgres ? it : it.skip)(
    'the named locks of a transaction are taken in one statement, exclusive ones excluding and shared ones sharing, under the keys of before',
    async () => {
      const tx = t.app.get(Transactions);
      // Every statement the service sends, through TypeORM's logger.
      const sent: string[] = [];
      const logger = t.db.logger;
      const counting = new Proxy(logger, {
        get: (target, key) => (key === 'logQuery' ? (query: string) => void sent.push(query) : Reflect.get(target, key)),
      });
      Object.assign(t.db, { logger: counting });
      const other = new pg.Client({ connectionString: (t.db.options as { url: string }).url });
      await other.connect();
      // What another connection (another instance, or this one before the change) gets for a key.
      const tryLock = async (name: string, shared: boolean) => {
        await other.query('BEGIN');
        try {
          const fn = shared ? 'pg_try_advisory_xact_lock_shared' : 'pg_try_advisory_xact_lock';
          return (await other.query(`SELECT ${fn}(hashtext($1), hashtext('w:' || $1)) AS got`, [name])).rows[0].got as boolean;
        } finally {
          await other.query('ROLLBACK');
        }
      };
      try {
        const locks = [Locks.slot('s-1'), Locks.nurse('n-1'), Locks.contractRoster('c-1', 'shared'), Locks.nurse('n-1')];
        await tx.run(async (m) => {
          const held: Array<{ mode: string }> = await m.query(`SELECT mode FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() ORDER BY mode`);
          expect(held.map((l) => l.mode)).toEqual(['ExclusiveLock', 'ExclusiveLock', 'ShareLock']);
          expect(await tryLock('nurse:n-1', false)).toBe(false);
          expect(await tryLock('slot:s-1', true)).toBe(false);
          expect(await tryLock('roster:c-1', true)).toBe(true);
          expect(await tryLock('roster:c-1', false)).toBe(false);
          expect(await tryLock('nurse:n-2', false)).toBe(true);
        }, locks);
        expect(sent.filter((q) => q.includes('advisory'))).toHaveLength(2); // the locks, and the test's own look at pg_locks
        expect(await tryLock('nurse:n-1', false)).toBe(true); // released at commit
      } finally {
        Object.assign(t.db, { logger });
        await other.end();
      }
    },
  );
});

/** A TCP relay in front of PostgreSQL that can stop passing bytes, as a hung database would. */
async function freezableRelay(target: { host: string; port: number }) {
  let frozen = false;
  const sockets: Socket[] = [];
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.push(client, upstream);
    client.on('data', (chunk) => {
      if (!frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!frozen) client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    freeze: () => (frozen = true),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

(onPostgres ? describe : describe.skip)('PostgreSQL that stops answering', () => {
  it('/health answers 503 within seconds, and an API request gets 503, not a hang', async () => {
    const url = new URL((t.db.options as { url: string }).url);
    const relay = await freezableRelay({ host: url.hostname, port: Number(url.port) });
    url.host = `127.0.0.1:${relay.port}`;
    const { app } = await createApp({ DATABASE_URL: url.toString(), ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false);
    await app.init();
    const http = request(app.getHttpServer());
    try {
      expect((await http.get('/health')).status).toBe(200);
      relay.freeze();
      const health = await http.get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'error', database: 'down' });
      const api = await http.get('/api/insurers').set(bearer('some-token-that-needs-a-lookup'));
      expect(api.status).toBe(503);
      expect(api.headers['retry-after']).toBeDefined();
    } finally {
      await relay.close();
      await app.close().catch(() => undefined);
    }
  }, 90_000);
});
