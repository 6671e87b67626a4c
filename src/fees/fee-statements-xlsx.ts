import ExcelJS from 'exceljs';
import { functionNameNl } from '../common/function-names.js';
import { parseInstant, wallClockMs } from '../common/local-time.js';
import type { FeeStatementResponse } from './fee-statement.response.js';

/** A statement as the API shows it (what the workbook is made of). */
/** A statement as the API answers it: the workbook shows exactly what the JSON list shows. */
export type StatementRow = FeeStatementResponse;

/** Names next to the codes: regions, insurers, providers (AGB) and consortia (id); each region's zone. */
export interface StatementNames {
  regions: Map<string, string>;
  /** IANA zone by region code: the times are written as the region's wall-clock time. */
  zones: Map<string, string>;
  insurers: Map<string, string>;
  providers: Map<string, string>;
  consortia: Map<string, string>;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EURO = '"€" #,##0.00';
const HOURS = '#,##0.00';
/** Real dates, formatted as a Dutch reader writes them (Excel shows the month names in its own language). */
const MONTH = 'mmmm yyyy';
const DATE_TIME = 'dd-mm-yyyy hh:mm';

/** Integer cents as a number of euros: the one division, exact to the cent in a double. */
const euro = (cents: number) => cents / 100;

/** `2027-03` → a date cell holding 1 March 2027. */
function monthCell(month: string): Date {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1));
}

/**
 * An instant of the API (ISO 8601 with an offset) → a date cell holding the region's wall-clock
 * time: a spreadsheet knows no zones, and the reader expects the time the region's clocks showed.
 */
function instantCell(iso: string, zone: string): Date {
  const ms = parseInstant(iso);
  if (ms === null) throw new Error(`not an instant: ${iso}`);
  return new Date(wallClockMs(ms, zone));
}

/**
 * The month's statements as a workbook that opens in a Dutch Excel: Dutch headers, names next to
 * the codes, hours and euros as numbers and the month and times as real dates (formatted, so they
 * sum, sort and filter), a total row. The CSV stays the format for systems.
 */
export async function statementsWorkbook(month: string, rows: readonly StatementRow[], names: StatementNames): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Wijkwacht';
  const sheet = book.addWorksheet(`Vergoedingen ${month}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Maand', key: 'month', width: 14, style: { numFmt: MONTH } },
    { header: 'Regio', key: 'regionName', width: 24 },
    { header: 'Regiocode', key: 'regionCode', width: 10 },
    { header: 'Functie', key: 'functionName', width: 26 },
    { header: 'Functiecode', key: 'function', width: 22 },
    { header: 'Zorgverzekeraar', key: 'insurerName', width: 22 },
    { header: 'UZOVI', key: 'insurerUzovi', width: 8 },
    { header: 'Verantwoordelijke partij', key: 'partyName', width: 30 },
    { header: 'AGB of consortium', key: 'partyId', width: 20 },
    { header: 'Status', key: 'status', width: 11 },
    { header: 'Te bezetten uren', key: 'positionHours', width: 12, style: { numFmt: HOURS } },
    { header: 'Gedekte uren', key: 'coveredHours', width: 12, style: { numFmt: HOURS } },
    { header: 'Dekking (%)', key: 'coveragePct', width: 11, style: { numFmt: '0.00' } },
    { header: 'Vast bedrag (€)', key: 'fixed', width: 15, style: { numFmt: EURO } },
    { header: 'Per inwoner (€)', key: 'capitation', width: 15, style: { numFmt: EURO } },
    { header: 'Te bezetten uren (€)', key: 'positionHoursAmount', width: 15, style: { numFmt: EURO } },
    { header: 'Korting onderdekking (€)', key: 'deduction', width: 15, style: { numFmt: EURO } },
    { header: 'Totaal (€)', key: 'total', width: 15, style: { numFmt: EURO } },
    { header: 'Berekend op', key: 'computedAt', width: 17, style: { numFmt: DATE_TIME } },
    { header: 'Definitief op', key: 'finalizedAt', width: 17, style: { numFmt: DATE_TIME } },
    { header: 'Definitief door', key: 'finalizedBy', width: 26 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const s of rows) {
    const provider = s.responsibleParty.type === 'provider';
    const partyId = (provider ? s.responsibleParty.agb : s.responsibleParty.consortiumId) ?? '';
    const zone = names.zones.get(s.regionCode) ?? 'Europe/Amsterdam';
    sheet.addRow({
      month: monthCell(s.month),
      regionName: names.regions.get(s.regionCode) ?? s.regionCode,
      regionCode: s.regionCode,
      functionName: functionNameNl(s.function),
      function: s.function,
      insurerName: names.insurers.get(s.insurerUzovi) ?? s.insurerUzovi,
      insurerUzovi: s.insurerUzovi,
      partyName: (provider ? names.providers : names.consortia).get(partyId) ?? partyId,
      partyId,
      status: s.status === 'final' ? 'definitief' : 'concept',
      positionHours: s.positionMinutes / 60,
      coveredHours: s.coveredMinutes / 60,
      coveragePct: s.coveragePct,
      fixed: euro(s.lines.fixedCents),
      capitation: euro(s.lines.capitationCents),
      positionHoursAmount: euro(s.lines.positionHoursCents),
      deduction: euro(-s.lines.deductionCents) || 0,
      total: euro(s.totalCents),
      computedAt: instantCell(s.computedAt, zone),
      finalizedAt: s.finalizedAt === null ? null : instantCell(s.finalizedAt, zone),
      finalizedBy: s.finalizedBy?.name ?? '',
    });
  }
  // The total row holds values summed in integer cents (a reader needs no formula engine).
  const sum = (pick: (s: StatementRow) => number) => euro(rows.reduce((acc, s) => acc + pick(s), 0));
  const total = sheet.addRow({
    month: 'Totaal',
    fixed: sum((s) => s.lines.fixedCents),
    capitation: sum((s) => s.lines.capitationCents),
    positionHoursAmount: sum((s) => s.lines.positionHoursCents),
    deduction: sum((s) => -s.lines.deductionCents) || 0,
    total: sum((s) => s.totalCents),
  });
  total.font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
