import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { ADMIN, bearer, dbState, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

/**
 * GET /api/fee-statements.xlsx: the month's statements as a workbook for people, read back here
 * with the spreadsheet library itself (numbers as numbers, dates as date cells).
 */
let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function binary(res: Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function workbook(month: string, token: string) {
  const res = await t.http.get('/api/fee-statements.xlsx').query({ month }).set(bearer(token)).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as Parameters<typeof book.xlsx.load>[0]);
  const sheet = book.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return { res, sheet, rows };
}

const HEADER = [
  'Maand',
  'Regio',
  'Regiocode',
  'Functie',
  'Functiecode',
  'Zorgverzekeraar',
  'UZOVI',
  'Verantwoordelijke partij',
  'AGB of consortium',
  'Status',
  'Te bezetten uren',
  'Gedekte uren',
  'Dekking (%)',
  'Vast bedrag (€)',
  'Per inwoner (€)',
  'Te bezetten uren (€)',
  'Korting onderdekking (€)',
  'Totaal (€)',
  'Berekend op',
  'Definitief op',
  'Definitief door',
];

describe('GET /api/fee-statements.xlsx', () => {
  it('Dutch headers, names next to codes, euros as numbers, the month and times as dates, and a total row that equals the statements', async () => {
    const a = await w.contracted({
      region: { population: 250_000 },
      contract: {
        validFrom: '2027-03-10',
        fee: { fixedMonthlyCents: 1_000_000, perPositionHourCents: 4500, perInhabitantMonthlyCents: 2 },
        sla: { minCoveragePct: 98, deductionPerUncoveredHourCents: 6000 },
      },
    });
    await w.template(a.contract.id);
    const nurse = await w.nurse(a.provider.agb);
    await w.post(`/api/slots/${(await w.slotOn(a.region.code, '2027-03-27')).id}/assignments`, { nurseId: nurse.id });
    // A second contract of the same insurer, held by a consortium, in the same month.
    const consortium = await w.post('/api/consortia', { name: 'Samen Thuis', leadAgb: a.provider.agb, memberAgbs: [] });
    const second = await w.post('/api/contracts', {
      regionCode: a.region.code,
      insurerUzovi: a.region.preferredInsurerUzovi,
      function: 'acute-screening',
      responsibleParty: { type: 'consortium', consortiumId: consortium.id },
      validFrom: '2027-03-01',
      validTo: '2027-12-31',
      fee: { fixedMonthlyCents: 123_456 },
    });
    // Another insurer's contract stays out.
    const other = await w.contracted();
    await w.post('/api/fee-statements', { month: '2027-03' }, ADMIN, 200);
    const insurer = await w.user('insurer', { insurerUzovi: a.region.preferredInsurerUzovi });
    const statements = (await t.http.get('/api/fee-statements').query({ month: '2027-03' }).set(bearer(insurer.token))).body as Array<{
      id: string;
      contractId: string;
      totalCents: number;
      lines: { fixedCents: number; capitationCents: number; positionHoursCents: number; deductionCents: number };
      positionMinutes: number;
      coveragePct: number;
    }>;
    expect(statements.map((s) => s.contractId).sort()).toEqual([a.contract.id, second.id].sort());

    const before = await dbState(t.db);
    const { res, sheet, rows } = await workbook('2027-03', insurer.token);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe('attachment; filename="wijkwacht-vergoedingen-2027-03.xlsx"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(sheet.name).toBe('Vergoedingen 2027-03');
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(1 + statements.length + 1);
    const col = (name: string) => HEADER.indexOf(name);
    const byFunction = new Map(rows.slice(1, -1).map((r) => [r[col('Functiecode')], r]));
    const night = byFunction.get('unplanned-night-care')!;
    const nightApi = statements.find((s) => s.contractId === a.contract.id)!;
    expect(night[col('Regio')]).toBe(a.region.name);
    expect(night[col('Regiocode')]).toBe(a.region.code);
    expect(night[col('Functie')]).toBe('Ongeplande nachtzorg');
    expect(night[col('Zorgverzekeraar')]).toBe(`Verzekeraar ${a.region.preferredInsurerUzovi}`);
    expect(night[col('Verantwoordelijke partij')]).toBe(a.provider.name);
    expect(night[col('AGB of consortium')]).toBe(a.provider.agb);
    expect(night[col('Status')]).toBe('concept');
    expect(night[col('Te bezetten uren')]).toBe(nightApi.positionMinutes / 60);
    expect(night[col('Dekking (%)')]).toBe(nightApi.coveragePct);
    // Euros as numbers, to the cent: the same amounts as the API's cents.
    expect(Math.round((night[col('Vast bedrag (€)')] as number) * 100)).toBe(nightApi.lines.fixedCents);
    expect(Math.round((night[col('Per inwoner (€)')] as number) * 100)).toBe(nightApi.lines.capitationCents);
    expect(Math.round((night[col('Te bezetten uren (€)')] as number) * 100)).toBe(nightApi.lines.positionHoursCents);
    expect(Math.round((night[col('Korting onderdekking (€)')] as number) * -100)).toBe(nightApi.lines.deductionCents);
    expect(Math.round((night[col('Totaal (€)')] as number) * 100)).toBe(nightApi.totalCents);
    const acute = byFunction.get('acute-screening')!;
    expect(acute[col('Verantwoordelijke partij')]).toBe('Samen Thuis');
    expect(acute[col('AGB of consortium')]).toBe(consortium.id);
    expect(acute[col('Totaal (€)')]).toBe(1234.56);
    // The total row: the sum of the statements' totals, and each line's sum.
    const total = rows[rows.length - 1];
    expect(total[col('Maand')]).toBe('Totaal');
    const sumCents = statements.reduce((acc, s) => acc + s.totalCents, 0);
    expect(Math.round((total[col('Totaal (€)')] as number) * 100)).toBe(sumCents);
    expect(Math.round((total[col('Vast bedrag (€)')] as number) * 100)).toBe(statements.reduce((acc, s) => acc + s.lines.fixedCents, 0));
    // Amounts carry a euro format, so they display as money and still sum as numbers.
    expect(sheet.getRow(2).getCell(col('Totaal (€)') + 1).numFmt).toContain('€');
    expect(rows.flat().some((v) => typeof v === 'string' && v.includes(other.region.code))).toBe(false);
    // The month and the times are real dates with a date format, not ISO text: March 2027, and
    // 10:00 on 23 November 2026 as Amsterdam's clocks showed it (09:00 UTC).
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(col(name) + 1);
    expect(cell(2, 'Maand').type).toBe(ExcelJS.ValueType.Date);
    expect(night[col('Maand')]).toEqual(new Date(Date.UTC(2027, 2, 1)));
    expect(cell(2, 'Maand').numFmt).toBe('mmmm yyyy');
    expect(cell(2, 'Berekend op').type).toBe(ExcelJS.ValueType.Date);
    expect(night[col('Berekend op')]).toEqual(new Date(Date.UTC(2026, 10, 23, 10, 0)));
    expect(cell(2, 'Berekend op').numFmt).toBe('dd-mm-yyyy hh:mm');
    expect(rows.flat().some((v) => typeof v === 'string' && /^\d{4}-\d{2}/.test(v))).toBe(false);
    // Reading changes nothing.
    expect(await dbState(t.db)).toEqual(before);

    // A coordinator of the region reads the same rows; an empty month is a header and a zero total.
    const coordinator = await w.user('coordinator', { regionCodes: [a.region.code] });
    expect((await workbook('2027-03', coordinator.token)).rows).toHaveLength(rows.length);
    const empty = await workbook('2026-01', insurer.token);
    expect(empty.rows).toEqual([HEADER, ['Totaal', ...Array(12).fill(undefined), 0, 0, 0, 0, 0]]);

    // Once the insurer finalizes a statement, its row names who did ("Definitief door"); a draft's stays empty.
    t.setNow('2027-04-01T00:00:00+02:00');
    try {
      await w.post(`/api/fee-statements/${nightApi.id}/finalize`, {}, insurer.token, 200);
    } finally {
      t.setNow('2026-11-23T09:00:00Z');
    }
    const after = new Map((await workbook('2027-03', insurer.token)).rows.slice(1, -1).map((r) => [r[col('Functiecode')], r]));
    expect(after.get('unplanned-night-care')![col('Status')]).toBe('definitief');
    expect(after.get('unplanned-night-care')![col('Definitief door')]).toBe(insurer.name);
    // Finalized at midnight of 1 April in Amsterdam (summer time): 00:00 in the cell.
    expect(after.get('unplanned-night-care')![col('Definitief op')]).toEqual(new Date(Date.UTC(2027, 3, 1, 0, 0)));
    expect(after.get('acute-screening')![col('Definitief op')]).toBeUndefined();
    expect(after.get('acute-screening')![col('Definitief door')]).toBe('');
  });

  it('refuses a missing or malformed month (400), no token (401) and a nurse (403)', async () => {
    const a = await w.contracted();
    const insurer = await w.user('insurer', { insurerUzovi: a.region.preferredInsurerUzovi });
    const nurse = await w.user('nurse', { nurseId: (await w.nurse(a.provider.agb)).id });
    const missing = await t.http.get('/api/fee-statements.xlsx').set(bearer(insurer.token));
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ statusCode: 400 });
    expect((await t.http.get('/api/fee-statements.xlsx').query({ month: '2027-13' }).set(bearer(insurer.token))).status).toBe(400);
    expect((await t.http.get('/api/fee-statements.xlsx').query({ month: '2027-03' })).status).toBe(401);
    expect((await t.http.get('/api/fee-statements.xlsx').query({ month: '2027-03' }).set(bearer(nurse.token))).status).toBe(403);
  });
});
