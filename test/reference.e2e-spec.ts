import { ADMIN, bearer, dbState, startTestApp, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

describe('health and docs', () => {
  it('GET /health answers without a token once the database is up', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves the OpenAPI document with described DTO fields', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/contracts']).toBeDefined();
    const contract = res.body.components.schemas.CreateContractDto;
    expect(contract.properties.validFrom.description).toMatch(/First day/);
    expect(contract.properties.validFrom.example).toBe('2027-01-01');
    const slots = res.body.paths['/api/slots'].get;
    expect(slots.responses['200'].content['application/json'].schema.items.$ref).toBe('#/components/schemas/SlotResponse');
    expect(res.body.components.schemas.SlotResponse.properties.durationMinutes.description).toMatch(/elapsed/);
    expect(Object.keys(slots.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409', '422']));
    expect((await t.http.get('/docs')).status).toBe(200);
  });
});

describe('authentication', () => {
  it('401 without a token, with an unknown token and with a malformed header', async () => {
    for (const headers of [{}, bearer('nope-nope-nope'), { Authorization: 'Basic abc' }]) {
      const res = await t.http.get('/api/regions').set(headers);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    }
  });

  it('issues a token once, stores only its hash and revokes it at once', async () => {
    const region = await w.region();
    const user = await w.user('coordinator', { regionCodes: [region.code] });
    expect(user).toMatchObject({ role: 'coordinator', name: expect.any(String), id: expect.any(String) });
    expect(user.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.sql('SELECT token_hash FROM users WHERE id = ?', [user.id]);
    expect(stored[0].token_hash).not.toContain(user.token);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await t.http.get('/api/regions').set(bearer(user.token))).status).toBe(200);
    expect((await t.http.delete(`/api/users/${user.id}`).set(bearer(ADMIN))).status).toBe(204);
    expect((await t.http.get('/api/regions').set(bearer(user.token))).status).toBe(401);
    expect((await t.http.delete(`/api/users/${user.id}`).set(bearer(ADMIN))).status).toBe(404);
  });

  it('a user needs the scope field of its role: 400, and an unknown reference: 422', async () => {
    const before = await dbState(t.db);
    const cases: Array<[object, number]> = [
      [{ name: 'x', role: 'coordinator' }, 400],
      [{ name: 'x', role: 'insurer' }, 400],
      [{ name: 'x', role: 'nurse' }, 400],
      [{ name: 'x', role: 'insurer', insurerUzovi: '3311', regionCodes: ['AMS'] }, 400],
      [{ name: 'x', role: 'superuser' }, 400],
      [{ name: 'x', role: 'coordinator', regionCodes: ['NOPE'] }, 422],
      [{ name: 'x', role: 'insurer', insurerUzovi: '9999' }, 422],
      [{ name: 'x', role: 'nurse', nurseId: 'missing' }, 422],
    ];
    for (const [body, status] of cases) {
      const res = await t.http.post('/api/users').set(bearer(ADMIN)).send(body);
      expect({ body, status: res.status }).toEqual({ body, status });
      if (status === 422) expect(res.body.violations[0].rule).toBe('unknown-reference');
    }
    expect(await dbState(t.db)).toEqual(before);
  });

  it('only an admin manages users (403 before 400)', async () => {
    const region = await w.region();
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const res = await t.http.post('/api/users').set(bearer(coordinator.token)).send({ bad: true });
    expect(res.status).toBe(403);
  });
});

describe('reference data', () => {
  it('creates, reads, lists and updates insurers', async () => {
    const created = await w.post('/api/insurers', { uzovi: '0101', name: 'Nul Een' });
    expect(created).toEqual({ uzovi: '0101', name: 'Nul Een' });
    expect((await t.http.get('/api/insurers/0101').set(bearer(ADMIN))).body).toEqual(created);
    const patched = await t.http.patch('/api/insurers/0101').set(bearer(ADMIN)).send({ name: 'Nul Een Zorg' });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('Nul Een Zorg');
    const list = await t.http.get('/api/insurers').set(bearer(ADMIN));
    expect(list.body.map((i: { uzovi: string }) => i.uzovi)).toContain('0101');
    expect((await t.http.get('/api/insurers/0999').set(bearer(ADMIN))).status).toBe(404);
  });

  it('refuses a duplicate UZOVI or AGB with 409 and changes nothing', async () => {
    await w.insurer('4401');
    await w.provider('76000001');
    const before = await dbState(t.db);
    expect((await t.http.post('/api/insurers').set(bearer(ADMIN)).send({ uzovi: '4401', name: 'Again' })).status).toBe(409);
    expect((await t.http.post('/api/providers').set(bearer(ADMIN)).send({ agb: '76000001', name: 'Again' })).status).toBe(409);
    expect(await dbState(t.db)).toEqual(before);
  });

  it('validates codes, populations and zones with 400 and unknown insurers with 422', async () => {
    const insurer = await w.insurer();
    const before = await dbState(t.db);
    const bad: Array<[string, object, number]> = [
      ['/api/insurers', { uzovi: '331', name: 'x' }, 400],
      ['/api/insurers', { uzovi: 3311, name: 'x' }, 400],
      ['/api/insurers', { uzovi: '3311', name: 'x', extra: 1 }, 400],
      ['/api/insurers', { uzovi: '3311', name: 'a\u0000b' }, 400],
      ['/api/providers', { agb: '7512345', name: 'x' }, 400],
      ['/api/regions', { code: 'ams', name: 'x', population: 1, preferredInsurerUzovi: insurer.uzovi }, 400],
      ['/api/regions', { code: 'AMS', name: 'x', population: -1, preferredInsurerUzovi: insurer.uzovi }, 400],
      ['/api/regions', { code: 'AMS', name: 'x', population: 1.5, preferredInsurerUzovi: insurer.uzovi }, 400],
      ['/api/regions', { code: 'AMS', name: 'x', population: 1, preferredInsurerUzovi: insurer.uzovi, timezone: 'Mars/Olympus' }, 400],
      ['/api/regions', { code: 'X'.repeat(33), name: 'x', population: 1, preferredInsurerUzovi: insurer.uzovi }, 400],
      ['/api/regions', { code: 'AMS', name: 'x', population: 1, preferredInsurerUzovi: '9998' }, 422],
      ['/api/consortia', { name: 'c', leadAgb: '79999999', memberAgbs: [] }, 422],
      ['/api/consortia', { name: 'c', leadAgb: '1', memberAgbs: [] }, 400],
      ['/api/nurses', { name: 'n', employerAgb: '79999998', qualifications: [] }, 422],
      ['/api/nurses', { name: 'n', employerAgb: '79999998', qualifications: ['Wound Care'] }, 400],
    ];
    for (const [path, body, status] of bad) {
      const res = await t.http.post(path).set(bearer(ADMIN)).send(body);
      expect({ path, body, status: res.status }).toEqual({ path, body, status });
      expect(res.body.statusCode).toBe(status);
    }
    expect(await dbState(t.db)).toEqual(before);
  });

  it('a region defaults to Europe/Amsterdam and reads by code', async () => {
    const region = await w.region({ code: 'UTR' });
    expect(region).toMatchObject({ code: 'UTR', timezone: 'Europe/Amsterdam', population: 100000, autoApproveOffers: false });
    expect((await t.http.get('/api/regions/UTR').set(bearer(ADMIN))).body).toEqual(region);
  });

  it('a consortium gets its lead as a member', async () => {
    const lead = await w.provider();
    const other = await w.provider();
    const consortium = await w.post('/api/consortia', { name: 'Samen', leadAgb: lead.agb, memberAgbs: [other.agb] });
    expect(consortium.memberAgbs.sort()).toEqual([lead.agb, other.agb].sort());
    expect((await t.http.get(`/api/consortia/${consortium.id}`).set(bearer(ADMIN))).body.leadAgb).toBe(lead.agb);
  });

  it('only an admin creates reference data (403)', async () => {
    const region = await w.region();
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    for (const path of ['/api/insurers', '/api/regions', '/api/providers', '/api/consortia']) {
      expect((await t.http.post(path).set(bearer(coordinator.token)).send({})).status).toBe(403);
    }
  });
});

describe("a region's coordinator phone", () => {
  const patch = (code: string, token: string, body: unknown) =>
    t.http
      .patch(`/api/regions/${code}`)
      .set(bearer(token))
      .send(body as object);

  it('a coordinator of the region or an admin sets it, written as people write it and answered in E.164; null removes it', async () => {
    const region = await w.region();
    expect(region.coordinatorPhone).toBeNull();
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const set = await patch(region.code, coordinator.token, { coordinatorPhone: '020 123 4567' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ code: region.code, coordinatorPhone: '+31201234567', autoApproveOffers: false });
    expect((await t.http.get(`/api/regions/${region.code}`).set(bearer(coordinator.token))).body.coordinatorPhone).toBe('+31201234567');
    const audit = await t.http.get('/api/audit-events').query({ entityType: 'region', entityId: region.code }).set(bearer(ADMIN));
    expect(audit.body[0]).toMatchObject({ action: 'update', summary: 'fields: coordinatorPhone' });
    // Together with the other field a coordinator may set.
    expect((await patch(region.code, coordinator.token, { coordinatorPhone: '+31 6 12345678', autoApproveOffers: true })).body).toMatchObject({
      coordinatorPhone: '+31612345678',
      autoApproveOffers: true,
    });
    expect((await patch(region.code, ADMIN, { coordinatorPhone: '+32 2 555 12 12' })).body.coordinatorPhone).toBe('+3225551212');
    // Leaving it out keeps it.
    expect((await patch(region.code, ADMIN, { population: 123 })).body.coordinatorPhone).toBe('+3225551212');
    expect((await patch(region.code, coordinator.token, { coordinatorPhone: null })).body.coordinatorPhone).toBeNull();
  });

  it('what is no callable number is 400 and writes nothing', async () => {
    const region = await w.region();
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    await patch(region.code, ADMIN, { coordinatorPhone: '058 123 4567' }).expect(200);
    const before = await dbState(t.db);
    for (const coordinatorPhone of ['020 123', 'bel de regiotafel', '', 12345678, '+00 123 4567', '0'.repeat(40), ['020 123 4567'], '020\n1234567']) {
      const res = await patch(region.code, coordinator.token, { coordinatorPhone });
      expect({ coordinatorPhone, status: res.status }).toEqual({ coordinatorPhone, status: 400 });
      expect(res.body.statusCode).toBe(400);
    }
    expect(await dbState(t.db)).toEqual(before);
    expect((await t.http.get(`/api/regions/${region.code}`).set(bearer(ADMIN))).body.coordinatorPhone).toBe('+31581234567');
  });

  it('other roles may not set it (403), a coordinator of another region finds no region (404), and nothing is written', async () => {
    const { region, provider } = await w.contracted();
    const elsewhere = await w.user('coordinator', { regionCodes: [(await w.region()).code] });
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });
    const nurse = await w.user('nurse', { nurseId: (await w.nurse(provider.agb)).id });
    const partner = await w.user('partner', { regionCodes: [region.code] });
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const before = await dbState(t.db);
    for (const token of [insurer.token, nurse.token, partner.token]) {
      expect((await patch(region.code, token, { coordinatorPhone: '020 123 4567' })).status).toBe(403);
    }
    expect((await patch(region.code, elsewhere.token, { coordinatorPhone: '020 123 4567' })).status).toBe(404);
    // A coordinator still may not change the admin's fields alongside it.
    expect((await patch(region.code, coordinator.token, { coordinatorPhone: '020 123 4567', name: 'Anders' })).status).toBe(403);
    expect((await t.http.patch(`/api/regions/${region.code}`).send({ coordinatorPhone: '020 123 4567' })).status).toBe(401);
    expect(await dbState(t.db)).toEqual(before);
  });
});

describe('nurses', () => {
  it('a coordinator manages nurses of the responsible parties in its regions only', async () => {
    const { region, provider } = await w.contracted();
    const stranger = await w.provider();
    const coordinator = await w.user('coordinator', { regionCodes: [region.code] });
    const nurse = await w.post(
      '/api/nurses',
      { name: 'Anna', employerAgb: provider.agb, qualifications: ['district-nurse', 'wound-care'], bigNumber: '19012345601' },
      coordinator.token,
    );
    expect(nurse).toMatchObject({
      name: 'Anna',
      employerAgb: provider.agb,
      qualifications: ['district-nurse', 'wound-care'],
      bigNumber: '19012345601',
      phone: null,
    });
    const outsider = await w.nurse(stranger.agb);
    const before = await dbState(t.db);
    expect((await t.http.post('/api/nurses').set(bearer(coordinator.token)).send({ name: 'B', employerAgb: stranger.agb, qualifications: [] })).status).toBe(
      403,
    );
    expect((await t.http.get(`/api/nurses/${outsider.id}`).set(bearer(coordinator.token))).status).toBe(404);
    expect((await t.http.patch(`/api/nurses/${outsider.id}`).set(bearer(coordinator.token)).send({ phone: '+31 6 1234 5678' })).status).toBe(404);
    expect(await dbState(t.db)).toEqual(before);
    const list = await t.http.get('/api/nurses').set(bearer(coordinator.token));
    expect(list.body.map((n: { id: string }) => n.id)).toEqual([nurse.id]);
    const patched = await t.http
      .patch(`/api/nurses/${nurse.id}`)
      .set(bearer(coordinator.token))
      .send({ qualifications: ['district-nurse'], phone: '+31 6 1234 5678' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ qualifications: ['district-nurse'], phone: '+31 6 1234 5678' });
    expect((await t.http.patch(`/api/nurses/${nurse.id}`).set(bearer(coordinator.token)).send({ employerAgb: stranger.agb })).status).toBe(400);
  });

  it('a nurse reads only itself; an insurer may not list nurses', async () => {
    const { region, provider } = await w.contracted();
    const me = await w.nurse(provider.agb);
    const colleague = await w.nurse(provider.agb);
    const user = await w.user('nurse', { nurseId: me.id });
    expect((await t.http.get(`/api/nurses/${me.id}`).set(bearer(user.token))).status).toBe(200);
    expect((await t.http.get(`/api/nurses/${colleague.id}`).set(bearer(user.token))).status).toBe(404);
    expect((await t.http.get('/api/nurses').set(bearer(user.token))).body).toHaveLength(1);
    const insurer = await w.user('insurer', { insurerUzovi: region.preferredInsurerUzovi });
    expect((await t.http.get('/api/nurses').set(bearer(insurer.token))).status).toBe(403);
  });
});

describe('limits', () => {
  it('malformed JSON is a 400 and a body over 1 MB a 413', async () => {
    const malformed = await t.http.post('/api/insurers').set(bearer(ADMIN)).set('Content-Type', 'application/json').send('{"uzovi":');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const big = await t.http
      .post('/api/insurers')
      .set(bearer(ADMIN))
      .send({ uzovi: '1234', name: 'x'.repeat(1_100_000) });
    expect(big.status).toBe(413);
    expect(big.body.statusCode).toBe(413);
  });

  it('sets security headers', async () => {
    const res = await t.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After beyond the configured limit; /health stays free', async () => {
    const limited = await startTestApp({ THROTTLE_LIMIT: '3', THROTTLE_TTL_SECONDS: '60' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.http.get('/api/regions').set(bearer(ADMIN))).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const res = await limited.http.get('/api/regions').set(bearer(ADMIN));
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('60');
      expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      expect((await limited.http.get('/health')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
