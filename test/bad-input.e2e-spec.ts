import fc from 'fast-check';
import { ADMIN, bearer, dbState, startTestApp, TestApp } from './support/test-app.js';
import { World } from './factories/world.js';

/** A catalogue of malformed requests: each gets its documented 4xx and writes nothing. */
let t: TestApp;
let w: World;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  w = new World(t);
  const { region, provider, contract } = await w.contracted({ region: { code: 'BAD' } });
  await w.template(contract.id);
  const nurse = await w.nurse(provider.agb);
  const slot = await w.slotOn('BAD', '2027-05-01');
  const assignment = await w.post(`/api/slots/${slot.id}/assignments`, { nurseId: nurse.id });
  Object.assign(ids, {
    region: region.code,
    uzovi: region.preferredInsurerUzovi,
    agb: provider.agb,
    contract: contract.id,
    nurse: nurse.id,
    slot: slot.id,
    assignment: assignment.id,
  });
});
afterAll(() => t.close());

interface Case {
  name: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string | (() => string);
  body?: unknown;
  raw?: string;
  query?: Record<string, string>;
  status: number;
}

const contract = () => ({
  regionCode: ids.region,
  insurerUzovi: ids.uzovi,
  function: 'acute-screening',
  responsibleParty: { type: 'provider', agb: ids.agb },
  validFrom: '2028-01-01',
  validTo: '2028-12-31',
});
const template = { name: 'x', rrule: 'FREQ=DAILY', startTime: '08:00', endTime: '16:00' };
const withContract = (over: object) => () => ({ ...contract(), ...over });

const cases: Case[] = [
  // insurers, providers, regions
  { name: 'UZOVI with 3 digits', method: 'post', path: '/api/insurers', body: { uzovi: '331', name: 'x' }, status: 400 },
  { name: 'UZOVI as a number', method: 'post', path: '/api/insurers', body: { uzovi: 3311, name: 'x' }, status: 400 },
  { name: 'UZOVI with letters', method: 'post', path: '/api/insurers', body: { uzovi: '33a1', name: 'x' }, status: 400 },
  { name: 'insurer without name', method: 'post', path: '/api/insurers', body: { uzovi: '3311' }, status: 400 },
  { name: 'insurer with empty name', method: 'post', path: '/api/insurers', body: { uzovi: '3311', name: '' }, status: 400 },
  { name: 'insurer name with NUL', method: 'post', path: '/api/insurers', body: { uzovi: '3311', name: 'a\u0000b' }, status: 400 },
  { name: 'insurer name too long', method: 'post', path: '/api/insurers', body: { uzovi: '3311', name: 'x'.repeat(201) }, status: 400 },
  { name: 'unknown field', method: 'post', path: '/api/insurers', body: { uzovi: '3311', name: 'x', admin: true }, status: 400 },
  { name: 'array body', method: 'post', path: '/api/insurers', body: [{ uzovi: '3311', name: 'x' }], status: 400 },
  { name: 'malformed JSON', method: 'post', path: '/api/insurers', raw: '{"uzovi": "3311", ', status: 400 },
  { name: 'JSON null body', method: 'post', path: '/api/insurers', raw: 'null', status: 400 },
  { name: 'oversized body', method: 'post', path: '/api/insurers', body: { uzovi: '3311', name: 'x'.repeat(1_200_000) }, status: 413 },
  { name: 'AGB with 9 digits', method: 'post', path: '/api/providers', body: { agb: '751234567', name: 'x' }, status: 400 },
  {
    name: 'region code lower case',
    method: 'post',
    path: '/api/regions',
    body: { code: 'ams', name: 'x', population: 1, preferredInsurerUzovi: '3311' },
    status: 400,
  },
  {
    name: 'negative population',
    method: 'post',
    path: '/api/regions',
    body: { code: 'NEW', name: 'x', population: -5, preferredInsurerUzovi: '3311' },
    status: 400,
  },
  {
    name: 'float population',
    method: 'post',
    path: '/api/regions',
    body: { code: 'NEW', name: 'x', population: 10.5, preferredInsurerUzovi: '3311' },
    status: 400,
  },
  {
    name: 'population as string',
    method: 'post',
    path: '/api/regions',
    body: { code: 'NEW', name: 'x', population: '100', preferredInsurerUzovi: '3311' },
    status: 400,
  },
  {
    name: 'invalid time zone',
    method: 'post',
    path: '/api/regions',
    body: { code: 'NEW', name: 'x', population: 1, preferredInsurerUzovi: '3311', timezone: 'Europe/Nowhere' },
    status: 400,
  },
  {
    name: 'unknown preferred insurer',
    method: 'post',
    path: '/api/regions',
    body: { code: 'NEW', name: 'x', population: 1, preferredInsurerUzovi: '9999' },
    status: 422,
  },
  {
    name: 'consortium members not a list',
    method: 'post',
    path: '/api/consortia',
    body: { name: 'c', leadAgb: '75000001', memberAgbs: '75000002' },
    status: 400,
  },
  {
    name: 'nurse qualification not kebab',
    method: 'post',
    path: '/api/nurses',
    body: { name: 'n', employerAgb: '75000001', qualifications: ['WoundCare'] },
    status: 400,
  },
  {
    name: 'nurse BIG number too short',
    method: 'post',
    path: '/api/nurses',
    body: { name: 'n', employerAgb: '75000001', qualifications: [], bigNumber: '123' },
    status: 400,
  },
  { name: 'nurse of unknown employer', method: 'post', path: '/api/nurses', body: { name: 'n', employerAgb: '70000009', qualifications: [] }, status: 422 },
  { name: 'patch nurse employer (immutable)', method: 'patch', path: () => `/api/nurses/${ids.nurse}`, body: { employerAgb: '75000001' }, status: 400 },
  { name: 'patch insurer name to null', method: 'patch', path: () => `/api/insurers/${ids.uzovi}`, body: { name: null }, status: 400 },
  { name: 'patch nurse qualifications to null', method: 'patch', path: () => `/api/nurses/${ids.nurse}`, body: { qualifications: null }, status: 400 },
  { name: 'patch region population to null', method: 'patch', path: () => `/api/regions/${ids.region}`, body: { population: null }, status: 400 },
  { name: 'contract fee null', method: 'post', path: '/api/contracts', body: withContract({ fee: null }), status: 400 },
  { name: 'patch unknown nurse', method: 'patch', path: '/api/nurses/missing', body: { phone: '+31 6 1234 5678' }, status: 404 },
  // contracts
  { name: 'impossible date 2027-02-30', method: 'post', path: '/api/contracts', body: withContract({ validFrom: '2027-02-30' }), status: 400 },
  { name: 'date with time', method: 'post', path: '/api/contracts', body: withContract({ validFrom: '2028-01-01T00:00:00Z' }), status: 400 },
  { name: 'validTo before validFrom', method: 'post', path: '/api/contracts', body: withContract({ validTo: '2027-12-31' }), status: 400 },
  { name: 'unknown function', method: 'post', path: '/api/contracts', body: withContract({ function: 'home-care' }), status: 400 },
  { name: 'float cents', method: 'post', path: '/api/contracts', body: withContract({ fee: { perPositionHourCents: 45.5 } }), status: 400 },
  { name: 'negative cents', method: 'post', path: '/api/contracts', body: withContract({ fee: { fixedMonthlyCents: -100 } }), status: 400 },
  { name: 'cents as string', method: 'post', path: '/api/contracts', body: withContract({ fee: { fixedMonthlyCents: '100' } }), status: 400 },
  { name: 'unknown fee part', method: 'post', path: '/api/contracts', body: withContract({ fee: { bonusCents: 1 } }), status: 400 },
  {
    name: 'SLA over 100 %',
    method: 'post',
    path: '/api/contracts',
    body: withContract({ sla: { minCoveragePct: 100.01, deductionPerUncoveredHourCents: 1 } }),
    status: 400,
  },
  {
    name: 'SLA with three decimals',
    method: 'post',
    path: '/api/contracts',
    body: withContract({ sla: { minCoveragePct: 98.125, deductionPerUncoveredHourCents: 1 } }),
    status: 400,
  },
  {
    name: 'responsible party without agb',
    method: 'post',
    path: '/api/contracts',
    body: withContract({ responsibleParty: { type: 'provider' } }),
    status: 400,
  },
  {
    name: 'responsible party of unknown type',
    method: 'post',
    path: '/api/contracts',
    body: withContract({ responsibleParty: { type: 'person', agb: '75000001' } }),
    status: 400,
  },
  { name: 'unknown region', method: 'post', path: '/api/contracts', body: withContract({ regionCode: 'NOWHERE' }), status: 422 },
  { name: 'terminate with month 13', method: 'post', path: () => `/api/contracts/${ids.contract}/terminate`, body: { lastDay: '2027-13-01' }, status: 400 },
  { name: 'terminate outside period', method: 'post', path: () => `/api/contracts/${ids.contract}/terminate`, body: { lastDay: '2029-01-01' }, status: 422 },
  { name: 'terminate unknown contract', method: 'post', path: '/api/contracts/missing/terminate', body: { lastDay: '2027-06-30' }, status: 404 },
  { name: 'contracts activeOn invalid', method: 'get', path: '/api/contracts', query: { activeOn: '2027-02-29' }, status: 400 },
  // templates
  {
    name: 'RRULE garbage',
    method: 'post',
    path: () => `/api/contracts/${ids.contract}/templates`,
    body: { ...template, rrule: 'every day please' },
    status: 400,
  },
  { name: 'FREQ=HOURLY', method: 'post', path: () => `/api/contracts/${ids.contract}/templates`, body: { ...template, rrule: 'FREQ=HOURLY' }, status: 400 },
  {
    name: 'BYHOUR in RRULE',
    method: 'post',
    path: () => `/api/contracts/${ids.contract}/templates`,
    body: { ...template, rrule: 'FREQ=DAILY;BYHOUR=8' },
    status: 400,
  },
  {
    name: 'COUNT and UNTIL',
    method: 'post',
    path: () => `/api/contracts/${ids.contract}/templates`,
    body: { ...template, rrule: 'FREQ=DAILY;COUNT=2;UNTIL=20270101' },
    status: 400,
  },
  { name: 'time 25:00', method: 'post', path: () => `/api/contracts/${ids.contract}/templates`, body: { ...template, startTime: '25:00' }, status: 400 },
  {
    name: 'time with seconds',
    method: 'post',
    path: () => `/api/contracts/${ids.contract}/templates`,
    body: { ...template, endTime: '16:00:00' },
    status: 400,
  },
  { name: 'requiredNurses 0', method: 'post', path: () => `/api/contracts/${ids.contract}/templates`, body: { ...template, requiredNurses: 0 }, status: 400 },
  {
    name: 'requiredNurses float',
    method: 'post',
    path: () => `/api/contracts/${ids.contract}/templates`,
    body: { ...template, requiredNurses: 1.5 },
    status: 400,
  },
  {
    name: 'exdate impossible',
    method: 'post',
    path: () => `/api/contracts/${ids.contract}/templates`,
    body: { ...template, exdates: ['2027-04-31'] },
    status: 400,
  },
  {
    name: 'holidays mode unknown',
    method: 'post',
    path: () => `/api/contracts/${ids.contract}/templates`,
    body: { ...template, holidays: 'sometimes' },
    status: 400,
  },
  { name: 'template on unknown contract', method: 'post', path: '/api/contracts/missing/templates', body: template, status: 404 },
  { name: 'delete template force=yes', method: 'delete', path: '/api/templates/missing', query: { force: 'yes' }, status: 400 },
  // slots, assignments, shifts
  { name: 'slots without to', method: 'get', path: '/api/slots', query: { regionCode: 'BAD', from: '2027-01-01' }, status: 400 },
  { name: 'slots range over 366 days', method: 'get', path: '/api/slots', query: { regionCode: 'BAD', from: '2027-01-01', to: '2028-01-02' }, status: 400 },
  { name: 'slots to before from', method: 'get', path: '/api/slots', query: { regionCode: 'BAD', from: '2027-02-01', to: '2027-01-01' }, status: 400 },
  {
    name: 'slots unknown query field',
    method: 'get',
    path: '/api/slots',
    query: { regionCode: 'BAD', from: '2027-01-01', to: '2027-01-02', sort: 'desc' },
    status: 400,
  },
  { name: 'assignment nurseId number', method: 'post', path: () => `/api/slots/${ids.slot}/assignments`, body: { nurseId: 7 }, status: 400 },
  { name: 'assignment without body', method: 'post', path: () => `/api/slots/${ids.slot}/assignments`, body: {}, status: 400 },
  {
    name: 'assignment of unknown nurse to a full slot (409 comes before 422)',
    method: 'post',
    path: () => `/api/slots/${ids.slot}/assignments`,
    body: { nurseId: 'ghost' },
    status: 409,
  },
  {
    name: 'shifts range over the limit',
    method: 'get',
    path: () => `/api/nurses/${ids.nurse}/shifts`,
    query: { from: '2027-01-01', to: '2028-06-01' },
    status: 400,
  },
  // on call, coverage, fees, audit, alerts
  {
    name: 'on-call instant without offset',
    method: 'get',
    path: '/api/on-call',
    query: { regionCode: 'BAD', function: 'unplanned-night-care', at: '2027-05-01T12:00:00' },
    status: 400,
  },
  {
    name: 'on-call instant with bare +',
    method: 'get',
    path: '/api/on-call?regionCode=BAD&function=unplanned-night-care&at=2027-05-01T12:00:00+02:00',
    status: 400,
  },
  {
    name: 'on-call impossible instant',
    method: 'get',
    path: '/api/on-call',
    query: { regionCode: 'BAD', function: 'unplanned-night-care', at: '2027-02-30T12:00:00Z' },
    status: 400,
  },
  { name: 'coverage month 2027-13', method: 'get', path: '/api/coverage', query: { regionCode: 'BAD', month: '2027-13' }, status: 400 },
  { name: 'fee month 2027-13', method: 'post', path: '/api/fee-statements', body: { month: '2027-13' }, status: 400 },
  { name: 'fee month as date', method: 'post', path: '/api/fee-statements', body: { month: '2027-01-01' }, status: 400 },
  { name: 'fee CSV without month', method: 'get', path: '/api/fee-statements.csv', status: 400 },
  { name: 'fee xlsx without month', method: 'get', path: '/api/fee-statements.xlsx', status: 400 },
  { name: 'audit from without offset', method: 'get', path: '/api/audit-events', query: { from: '2027-01-01T00:00:00' }, status: 400 },
  { name: 'alerts bad status', method: 'get', path: '/api/alerts', query: { status: 'pending' }, status: 400 },
  {
    name: 'absence with medical detail',
    method: 'post',
    path: () => `/api/nurses/${ids.nurse}/absences`,
    body: { from: '2027-06-01', to: '2027-06-02', reason: 'influenza' },
    status: 400,
  },
  { name: 'job unknown', method: 'post', path: '/api/job-runs', body: { job: 'rm -rf' }, status: 400 },
  { name: 'user role unknown', method: 'post', path: '/api/users', body: { name: 'x', role: 'root' }, status: 400 },
];

describe('bad-input catalogue', () => {
  it('has at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  for (const c of cases) {
    it(`${c.name} → ${c.status}, nothing written`, async () => {
      const before = await dbState(t.db);
      const path = typeof c.path === 'function' ? c.path() : c.path;
      let req = t.http[c.method](path).set(bearer(ADMIN));
      if (c.query) req = req.query(c.query);
      let res;
      if (c.raw !== undefined) res = await req.set('Content-Type', 'application/json').send(c.raw);
      else if (c.body !== undefined) res = await req.send((typeof c.body === 'function' ? (c.body as () => object)() : c.body) as object);
      else res = await req;
      expect(res.status).toBe(c.status);
      expect(res.body.statusCode).toBe(c.status);
      expect(typeof res.body.error).toBe('string');
      expect(await dbState(t.db)).toEqual(before);
    });
  }
});

describe('fuzzing every POST and PATCH endpoint', () => {
  const endpoints: Array<[string, () => string]> = [
    ['post', () => '/api/insurers'],
    ['post', () => '/api/regions'],
    ['post', () => '/api/providers'],
    ['post', () => '/api/consortia'],
    ['post', () => '/api/nurses'],
    ['post', () => '/api/users'],
    ['post', () => '/api/contracts'],
    ['post', () => `/api/contracts/${ids.contract}/terminate`],
    ['post', () => `/api/contracts/${ids.contract}/templates`],
    ['post', () => `/api/slots/${ids.slot}/assignments`],
    ['post', () => '/api/fee-statements'],
    ['post', () => `/api/assignments/${ids.assignment}/offers`],
    ['post', () => `/api/nurses/${ids.nurse}/absences`],
    ['post', () => '/api/job-runs'],
    ['patch', () => `/api/regions/${ids.region}`],
    ['patch', () => `/api/insurers/${ids.uzovi}`],
    ['patch', () => `/api/providers/${ids.agb}`],
    ['patch', () => `/api/nurses/${ids.nurse}`],
  ];
  const fieldNames = fc.constantFrom(
    'uzovi',
    'name',
    'code',
    'population',
    'preferredInsurerUzovi',
    'timezone',
    'agb',
    'leadAgb',
    'memberAgbs',
    'employerAgb',
    'qualifications',
    'role',
    'regionCodes',
    'regionCode',
    'insurerUzovi',
    'function',
    'responsibleParty',
    'validFrom',
    'validTo',
    'fee',
    'sla',
    'lastDay',
    'rrule',
    'startTime',
    'endTime',
    'requiredNurses',
    'exdates',
    'nurseId',
    'month',
    'contractId',
    'toNurseId',
    'from',
    'to',
    'reason',
    'job',
    'phone',
    'autoApproveOffers',
    '__proto__',
    'constructor',
  );
  const values = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('2027-02-30', '2027-13', 'FREQ=HOURLY', '23:00', '3311', '75123456', 'AMS', '\u0000', '-1', '1e308', 'NaN'),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
  );
  const bodies = fc.oneof(fc.dictionary(fieldNames, values, { maxKeys: 6 }), fc.jsonValue());

  /** Sends a raw JSON text to an endpoint, as admin unless told otherwise. */
  const sendRaw = (method: string, path: string, text: string, token = ADMIN) =>
    (method === 'post' ? t.http.post(path) : t.http.patch(path)).set(bearer(token)).set('Content-Type', 'application/json').send(text);
  const runs = Number(process.env.FUZZ_RUNS) || 100;

  it('deep nesting anywhere in a body is a 400 beyond 32 levels, never a 5xx, never a write', async () => {
    const deep = fc.record({
      depth: fc.integer({ min: 1, max: 3000 }),
      kind: fc.constantFrom('array', 'object'),
      field: fc.option(fieldNames, { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), deep, async ([method, path], { depth, kind, field }) => {
        const nested = kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '0' + '}'.repeat(depth);
        const text = field === undefined ? nested : `{${JSON.stringify(field)}:${nested}}`;
        const levels = depth + (field === undefined ? 0 : 1);
        const before = await dbState(t.db);
        const res = await sendRaw(method, path(), text);
        expect(res.status).toBeLessThan(500);
        if (levels > 32) expect(res.status).toBe(400);
        if (res.status >= 400) expect(await dbState(t.db)).toEqual(before);
      }),
      { numRuns: runs },
    );
  }, 600_000);

  it('a NUL byte in a path id, a query value or any body string is a 400 and writes nothing', async () => {
    const withNul = fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`);
    const where = fc.constantFrom('path', 'query', 'body', 'nested body', 'field name');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), withNul, where, fieldNames, async ([method, path], nul, place, field) => {
        let url = path();
        let body: unknown = { [field]: 'x' };
        const id = Object.values(ids).find((value) => url.includes(`/${value}`));
        if (place === 'path' && id) url = url.replace(`/${id}`, `/${encodeURIComponent(nul)}`);
        if (place === 'query' || (place === 'path' && !id)) url += `?${field}=${encodeURIComponent(nul)}`;
        if (place === 'body') body = { [field]: nul };
        if (place === 'nested body') body = { [field]: [{ a: { b: nul } }] };
        if (place === 'field name') body = { [nul]: 1 };
        const before = await dbState(t.db);
        const res = await sendRaw(method, url, JSON.stringify(body));
        expect({ place, url, status: res.status }).toEqual({ place, url, status: 400 });
        expect(await dbState(t.db)).toEqual(before);
      }),
      { numRuns: runs },
    );
  }, 600_000);

  it('extreme numbers (1e308, 1e309, -0, 2^53+1, 1e-7 …) and NaN-like strings never give a 5xx', async () => {
    const numericFields = fc.constantFrom(
      'population',
      'requiredNurses',
      'fixedMonthlyCents',
      'perPositionHourCents',
      'perInhabitantMonthlyCents',
      'minCoveragePct',
      'deductionPerUncoveredHourCents',
      'year',
    );
    const extreme = fc.oneof(
      fc.constantFrom(
        '1e308',
        '-1e308',
        '1e309',
        '-1e309',
        '-0',
        '-0.0',
        '9007199254740993',
        '-9007199254740993',
        '1e-7',
        '1E-7',
        '-1e-9',
        '1e-400',
        '4.5e3',
        '0.1e1',
        '123456789012345678901234567890',
        '5e-324',
      ),
      fc.constantFrom('NaN', 'Infinity', '-Infinity', '-0', '1e308', '0x10', '1_000', ' 12 ', '').map((s) => JSON.stringify(s)),
      fc.double().map((d) => (Number.isFinite(d) ? String(d) : 'null')),
    );
    const body = fc
      .tuple(
        fc.dictionary(fieldNames, values, { maxKeys: 3 }),
        fc.array(fc.tuple(numericFields, extreme), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(null, 'fee', 'sla'),
      )
      .map(([base, numbers, wrapper]) => {
        const marked: Record<string, string> = {};
        numbers.forEach(([name], i) => (marked[name] = `@@${i}@@`));
        const merged = wrapper ? { ...base, [wrapper]: marked } : { ...base, ...marked };
        return JSON.stringify(merged).replace(/"@@(\d+)@@"/g, (_m, i: string) => numbers[Number(i)][1]);
      });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), body, async ([method, path], text) => {
        const before = await dbState(t.db);
        const res = await sendRaw(method, path(), text);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(await dbState(t.db)).toEqual(before);
      }),
      {
        numRuns: runs,
        // The SLA percentage is the one field that takes decimals: every extreme value there, always.
        examples: ['1e-7', '-1e-9', '5e-324', '1e309', '-0', '9007199254740993'].map((n) => [
          ['post', () => '/api/contracts'] as [string, () => string],
          `{"sla":{"minCoveragePct":${n},"deductionPerUncoveredHourCents":${n}}}`,
        ]),
      },
    );
  }, 600_000);

  it('never answers 5xx and never writes on a refusal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), bodies, async ([method, path], body) => {
        const before = await dbState(t.db);
        const req = method === 'post' ? t.http.post(path()) : t.http.patch(path());
        const res = await req.set(bearer(ADMIN)).set('Content-Type', 'application/json').send(JSON.stringify(body));
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(await dbState(t.db)).toEqual(before);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS) || 300 },
    );
  }, 600_000);
});
