import { ADMIN, bearer, startTestApp, TestApp } from './support/test-app.js';
import { World } from './factories/world.js';

/**
 * The role and scope matrix: every role × every endpoint → the expected answer. "ok" means the
 * request got past authentication, role and scope (2xx, or a domain answer such as 409/422).
 */
let t: TestApp;
let w: World;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  w = new World(t);
  const a = await w.contracted({ region: { code: 'AAA' } });
  const b = await w.contracted({ region: { code: 'BBB' } });
  await w.template(a.contract.id);
  await w.template(b.contract.id);
  const nurse = await w.nurse(a.provider.agb);
  const otherNurse = await w.nurse(a.provider.agb);
  const slot = await w.slotOn('AAA', '2027-05-01');
  const assignment = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
  const [statement] = await w.post('/api/fee-statements', { month: '2027-05', contractId: a.contract.id }, ADMIN, 200);
  const template = (await t.http.get(`/api/contracts/${a.contract.id}/templates`).set(bearer(ADMIN))).body[0];
  Object.assign(ids, {
    contract: a.contract.id,
    contractB: b.contract.id,
    slot: slot.id,
    slotB: (await w.slotOn('BBB', '2027-05-01')).id,
    nurse: nurse.id,
    otherNurse: otherNurse.id,
    assignment: assignment.id,
    statement: statement.id,
    template: template.id,
    agb: a.provider.agb,
    uzoviA: a.region.preferredInsurerUzovi,
  });
  tokens.admin = ADMIN;
  tokens.insurerA = (await w.user('insurer', { insurerUzovi: a.region.preferredInsurerUzovi })).token;
  tokens.insurerB = (await w.user('insurer', { insurerUzovi: b.region.preferredInsurerUzovi })).token;
  tokens.coordinatorA = (await w.user('coordinator', { regionCodes: ['AAA'] })).token;
  tokens.coordinatorB = (await w.user('coordinator', { regionCodes: ['BBB'] })).token;
  tokens.nurse = (await w.user('nurse', { nurseId: nurse.id })).token;
  tokens.otherNurse = (await w.user('nurse', { nurseId: otherNurse.id })).token;
  tokens.partner = (await w.user('partner', { regionCodes: ['AAA'] })).token;
  tokens.provider = (await w.user('provider', { providerAgb: a.provider.agb })).token;
  const revoked = await w.user('insurer', { insurerUzovi: a.region.preferredInsurerUzovi });
  await t.http.delete(`/api/users/${revoked.id}`).set(bearer(ADMIN));
  tokens.revoked = revoked.token;
  tokens.none = '';
});
afterAll(() => t.close());

type Expect = 'ok' | 401 | 403 | 404;
const ROLES = ['admin', 'insurerA', 'insurerB', 'coordinatorA', 'coordinatorB', 'nurse', 'otherNurse', 'partner', 'provider', 'none', 'revoked'] as const;

interface Row {
  name: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: () => string;
  body?: () => object;
  query?: () => object;
  /** Expected per role; roles not named expect 403. "none" and "revoked" always expect 401. */
  allow: Partial<Record<(typeof ROLES)[number], Expect>>;
}

const all = {
  admin: 'ok',
  insurerA: 'ok',
  insurerB: 'ok',
  coordinatorA: 'ok',
  coordinatorB: 'ok',
  nurse: 'ok',
  otherNurse: 'ok',
  partner: 'ok',
  provider: 'ok',
} as const;
const rows: Row[] = [
  { name: 'list regions', method: 'get', path: () => '/api/regions', allow: all },
  { name: 'list insurers', method: 'get', path: () => '/api/insurers', allow: all },
  { name: 'list providers', method: 'get', path: () => '/api/providers', allow: all },
  { name: 'list consortia', method: 'get', path: () => '/api/consortia', allow: all },
  { name: 'holidays', method: 'get', path: () => '/api/holidays', allow: all },
  { name: 'who am I', method: 'get', path: () => '/api/me', allow: all },
  {
    name: 'on call',
    method: 'get',
    path: () => '/api/on-call',
    query: () => ({ regionCode: 'AAA', function: 'unplanned-night-care', at: '2027-05-02T01:00:00+02:00' }),
    allow: all,
  },
  { name: 'create user', method: 'post', path: () => '/api/users', body: () => ({ name: 'x', role: 'admin' }), allow: { admin: 'ok' } },
  { name: 'list users', method: 'get', path: () => '/api/users', allow: { admin: 'ok' } },
  { name: 'create insurer', method: 'post', path: () => '/api/insurers', body: () => ({ uzovi: '0001', name: 'x' }), allow: { admin: 'ok' } },
  {
    name: 'patch region (auto-approve)',
    method: 'patch',
    path: () => '/api/regions/AAA',
    body: () => ({ autoApproveOffers: false }),
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 404 },
  },
  {
    name: 'list nurses',
    method: 'get',
    path: () => '/api/nurses',
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 'ok', nurse: 'ok', otherNurse: 'ok' },
  },
  {
    name: 'read nurse',
    method: 'get',
    path: () => `/api/nurses/${ids.nurse}`,
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 404, nurse: 'ok', otherNurse: 404 },
  },
  {
    name: 'update nurse',
    method: 'patch',
    path: () => `/api/nurses/${ids.nurse}`,
    body: () => ({ phone: '+31 6 1234 5678' }),
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 404 },
  },
  {
    name: 'create nurse',
    method: 'post',
    path: () => '/api/nurses',
    body: () => ({ name: 'x', employerAgb: ids.agb, qualifications: [] }),
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 403 },
  },
  {
    name: 'create contract',
    method: 'post',
    path: () => '/api/contracts',
    body: () => ({
      regionCode: 'AAA',
      insurerUzovi: ids.uzoviA,
      function: 'acute-screening',
      responsibleParty: { type: 'provider', agb: ids.agb },
      validFrom: '2030-01-01',
      validTo: '2030-01-31',
    }),
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 403 },
  },
  {
    name: 'list contracts',
    method: 'get',
    path: () => '/api/contracts',
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 'ok', coordinatorA: 'ok', coordinatorB: 'ok' },
  },
  {
    name: 'read contract',
    method: 'get',
    path: () => `/api/contracts/${ids.contract}`,
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 404, coordinatorA: 'ok', coordinatorB: 404 },
  },
  {
    name: 'terminate contract (outside period)',
    method: 'post',
    path: () => `/api/contracts/${ids.contract}/terminate`,
    body: () => ({ lastDay: '2031-01-01' }),
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 404, coordinatorA: 403, coordinatorB: 403 },
  },
  {
    name: 'create template',
    method: 'post',
    path: () => `/api/contracts/${ids.contract}/templates`,
    body: () => ({ name: 'x', rrule: 'FREQ=YEARLY', startTime: '10:00', endTime: '11:00' }),
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 404 },
  },
  {
    name: 'list templates',
    method: 'get',
    path: () => `/api/contracts/${ids.contract}/templates`,
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 404, coordinatorA: 'ok', coordinatorB: 404 },
  },
  {
    name: 'delete template (has assignments)',
    method: 'delete',
    path: () => `/api/templates/${ids.template}`,
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 404 },
  },
  {
    name: 'list slots',
    method: 'get',
    path: () => '/api/slots',
    query: () => ({ regionCode: 'AAA', from: '2027-05-01', to: '2027-05-02' }),
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 'ok', coordinatorA: 'ok', coordinatorB: 403 },
  },
  {
    name: 'read slot',
    method: 'get',
    path: () => `/api/slots/${ids.slot}`,
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 404, coordinatorA: 'ok', coordinatorB: 404 },
  },
  {
    name: 'assign (full slot)',
    method: 'post',
    path: () => `/api/slots/${ids.slot}/assignments`,
    body: () => ({ nurseId: ids.otherNurse }),
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 404 },
  },
  { name: 'candidates', method: 'get', path: () => `/api/slots/${ids.slot}/candidates`, allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 404 } },
  {
    name: 'nurse shifts',
    method: 'get',
    path: () => `/api/nurses/${ids.nurse}/shifts`,
    query: () => ({ from: '2027-05-01', to: '2027-05-31' }),
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 404, nurse: 'ok', otherNurse: 404 },
  },
  {
    name: 'my shifts',
    method: 'get',
    path: () => '/api/me/shifts',
    query: () => ({ from: '2027-05-01', to: '2027-05-31' }),
    allow: { admin: 403, nurse: 'ok', otherNurse: 'ok' },
  },
  { name: 'my calendar', method: 'get', path: () => '/api/me/calendar', allow: { admin: 403, nurse: 'ok', otherNurse: 'ok' } },
  {
    name: 'coverage',
    method: 'get',
    path: () => '/api/coverage',
    query: () => ({ regionCode: 'AAA', month: '2027-05' }),
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 'ok', coordinatorA: 'ok', coordinatorB: 403 },
  },
  {
    name: 'compute fees',
    method: 'post',
    path: () => '/api/fee-statements',
    body: () => ({ month: '2027-05', contractId: ids.contract }),
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 404, coordinatorA: 403, coordinatorB: 403 },
  },
  {
    name: 'list fees',
    method: 'get',
    path: () => '/api/fee-statements',
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 'ok', coordinatorA: 'ok', coordinatorB: 'ok' },
  },
  {
    name: 'fees CSV',
    method: 'get',
    path: () => '/api/fee-statements.csv',
    query: () => ({ month: '2027-05' }),
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 'ok', coordinatorA: 'ok', coordinatorB: 'ok' },
  },
  {
    name: 'fees xlsx',
    method: 'get',
    path: () => '/api/fee-statements.xlsx',
    query: () => ({ month: '2027-05' }),
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 'ok', coordinatorA: 'ok', coordinatorB: 'ok' },
  },
  {
    name: 'offer candidates (only the nurse assigned)',
    method: 'get',
    path: () => `/api/assignments/${ids.assignment}/offer-candidates`,
    allow: { admin: 404, nurse: 'ok', otherNurse: 404 },
  },
  { name: 'offers', method: 'get', path: () => '/api/offers', allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 'ok', nurse: 'ok', otherNurse: 'ok' } },
  {
    name: 'create offer',
    method: 'post',
    path: () => `/api/assignments/${ids.assignment}/offers`,
    body: () => ({ toNurseId: 'nobody' }),
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 404, nurse: 'ok', otherNurse: 404 },
  },
  {
    name: 'absences',
    method: 'get',
    path: () => `/api/nurses/${ids.nurse}/absences`,
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 404, nurse: 'ok', otherNurse: 404 },
  },
  {
    name: 'alerts',
    method: 'get',
    path: () => '/api/alerts',
    query: () => ({ regionCode: 'AAA' }),
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 403 },
  },
  { name: 'job runs', method: 'get', path: () => '/api/job-runs', allow: { admin: 'ok' } },
  {
    name: 'list acute requests',
    method: 'get',
    path: () => '/api/requests',
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 'ok', partner: 'ok' },
  },
  {
    name: 'response figures of acute requests',
    method: 'get',
    path: () => '/api/requests/stats',
    query: () => ({ regionCode: 'AAA', month: '2027-05' }),
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 'ok', coordinatorA: 'ok', coordinatorB: 403 },
  },
  {
    name: 'my pages',
    method: 'get',
    path: () => '/api/me/pages',
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 'ok', nurse: 'ok', otherNurse: 'ok' },
  },
  {
    name: 'read an acute request',
    method: 'get',
    path: () => '/api/requests/does-not-exist',
    allow: { admin: 404, coordinatorA: 404, coordinatorB: 404, nurse: 404, otherNurse: 404, partner: 404 },
  },
  {
    name: "a provider's intake",
    method: 'get',
    path: () => `/api/providers/${ids.agb}/intake`,
    allow: { admin: 'ok', provider: 'ok' },
  },
  {
    name: "publish a provider's intake",
    method: 'put',
    path: () => `/api/providers/${ids.agb}/intake`,
    body: () => ({ intakePhone: '020 555 0123', lines: [{ regionCode: 'AAA', careKind: 'basic', postcodes: ['1050-1059'], places: 3 }] }),
    allow: { admin: 'ok', provider: 'ok' },
  },
  {
    name: 'capacity of a region',
    method: 'get',
    path: () => '/api/capacity',
    query: () => ({ regionCode: 'AAA' }),
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 403, partner: 'ok', provider: 'ok' },
  },
  {
    name: 'create a referral',
    method: 'post',
    path: () => '/api/referrals',
    body: () => ({ regionCode: 'AAA', postcode: '1053', careKinds: ['basic'], urgency: 'planned', startOn: '2026-12-01', referrerReference: 'MATRIX-1' }),
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 403, partner: 'ok' },
  },
  {
    name: 'list referrals',
    method: 'get',
    path: () => '/api/referrals',
    allow: { admin: 'ok', coordinatorA: 'ok', coordinatorB: 'ok', partner: 'ok', provider: 'ok' },
  },
  {
    name: 'referral figures',
    method: 'get',
    path: () => '/api/referrals/stats',
    query: () => ({ regionCode: 'AAA', month: '2027-05' }),
    allow: { admin: 'ok', insurerA: 'ok', insurerB: 403, coordinatorA: 'ok', coordinatorB: 403 },
  },
  {
    name: 'read a referral',
    method: 'get',
    path: () => '/api/referrals/does-not-exist',
    allow: { admin: 404, coordinatorA: 404, coordinatorB: 404, nurse: 404, otherNurse: 404, partner: 404, provider: 404 },
  },
  {
    name: 'accept a referral',
    method: 'post',
    path: () => '/api/referrals/does-not-exist/accept',
    allow: { admin: 404, provider: 404 },
  },
  { name: 'audit events', method: 'get', path: () => '/api/audit-events', allow: { admin: 'ok' } },
  {
    name: 'unassign (other region 404)',
    method: 'delete',
    path: () => '/api/assignments/does-not-exist',
    allow: { admin: 404, coordinatorA: 404, coordinatorB: 404 },
  },
];

describe('role and scope matrix', () => {
  for (const row of rows) {
    it(`${row.name}: ${row.method.toUpperCase()} ${row.name}`, async () => {
      const seen: Record<string, unknown> = {};
      const wanted: Record<string, unknown> = {};
      for (const role of ROLES) {
        let req = t.http[row.method](row.path());
        if (tokens[role]) req = req.set(bearer(tokens[role]));
        if (row.query) req = req.query(row.query());
        const res = await (row.body ? req.send(row.body()) : req);
        const expected: Expect = role === 'none' || role === 'revoked' ? 401 : (row.allow[role] ?? 403);
        wanted[role] = expected;
        seen[role] = expected === 'ok' ? ([401, 403, 404].includes(res.status) || res.status >= 500 ? res.status : 'ok') : res.status;
      }
      expect(seen).toEqual(wanted);
    });
  }

  it('a record outside scope never leaks through lists, CSV, coverage or on-call', async () => {
    const contractsB = await t.http.get('/api/contracts').set(bearer(tokens.insurerB));
    expect(contractsB.body.map((c: { id: string }) => c.id)).not.toContain(ids.contract);
    const slots = await t.http.get('/api/slots').query({ regionCode: 'AAA', from: '2027-05-01', to: '2027-05-02' }).set(bearer(tokens.insurerB));
    expect(slots.body).toEqual([]);
    const coverage = await t.http.get('/api/coverage').query({ regionCode: 'AAA', month: '2027-05' }).set(bearer(tokens.insurerB));
    expect(coverage.body).toEqual([]);
    const csv = await t.http.get('/api/fee-statements.csv').query({ month: '2027-05' }).set(bearer(tokens.coordinatorB));
    expect(csv.text).not.toContain(ids.contract);
    const fees = await t.http.get('/api/fee-statements').set(bearer(tokens.insurerB));
    expect(JSON.stringify(fees.body)).not.toContain(ids.contract);
    const nurses = await t.http.get('/api/nurses').set(bearer(tokens.coordinatorB));
    expect(nurses.body.map((n: { id: string }) => n.id)).not.toContain(ids.nurse);
  });
});
