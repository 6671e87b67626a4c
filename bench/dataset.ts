import { seeded } from '../src/roster-plans/planner/instances.js';

/**
 * A national dataset, deterministic: 31 care-office regions × scale, four functions each (some
 * acute screening by a consortium), ~2 providers and ~48 nurses per region, and a year of
 * templates (nights, evenings, weekend days, acute day and evening shifts, specialist on-call
 * blocks, coordination office hours) — about 150,000 slots at scale 1.
 */
export const YEAR = { validFrom: '2027-01-01', validTo: '2027-12-31' };

export interface TemplateSpec {
  name: string;
  rrule: string;
  startTime: string;
  endTime: string;
  dutyType?: 'shift' | 'on-call';
  requiredNurses?: number;
  requiredQualifications: string[];
}

export interface ContractSpec {
  function: string;
  party: { type: 'provider'; agb: string } | { type: 'consortium'; consortiumIndex: number };
  fee: { fixedMonthlyCents: number; perPositionHourCents: number; perInhabitantMonthlyCents: number };
  templates: TemplateSpec[];
}

export interface RegionSpec {
  code: string;
  name: string;
  population: number;
  insurerUzovi: string;
  providers: string[];
  contracts: ContractSpec[];
}

export interface NurseSpec {
  name: string;
  employerAgb: string;
  qualifications: string[];
}

export interface Dataset {
  insurers: Array<{ uzovi: string; name: string }>;
  regions: RegionSpec[];
  providers: Array<{ agb: string; name: string }>;
  consortia: Array<{ name: string; leadAgb: string; memberAgbs: string[] }>;
  nurses: NurseSpec[];
}

/** A small deterministic PRNG (mulberry32), so every run builds the same country. */
export const prng = seeded;

const DAILY = 'FREQ=DAILY';
const WEEKDAYS = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';
const WEEKEND = 'FREQ=WEEKLY;BYDAY=SA,SU';

function templatesFor(fn: string): TemplateSpec[] {
  switch (fn) {
    case 'unplanned-night-care':
      return [
        { name: 'Nacht noord', rrule: DAILY, startTime: '23:00', endTime: '07:00', requiredQualifications: ['district-nurse'] },
        { name: 'Nacht zuid', rrule: DAILY, startTime: '23:00', endTime: '07:00', requiredQualifications: ['district-nurse'] },
        { name: 'Avond noord', rrule: DAILY, startTime: '17:00', endTime: '23:00', requiredQualifications: ['district-nurse'] },
        { name: 'Avond zuid', rrule: DAILY, startTime: '17:00', endTime: '23:00', requiredQualifications: ['district-nurse'] },
        { name: 'Weekenddag', rrule: WEEKEND, startTime: '08:00', endTime: '17:00', requiredQualifications: ['district-nurse'] },
        { name: 'Weekendavond', rrule: WEEKEND, startTime: '17:00', endTime: '23:00', requiredQualifications: ['district-nurse'] },
      ];
    case 'acute-screening':
      return [
        { name: 'Acuut dag', rrule: DAILY, startTime: '08:00', endTime: '16:00', requiredQualifications: ['acute-care'] },
        { name: 'Acuut avond', rrule: DAILY, startTime: '16:00', endTime: '23:00', requiredQualifications: ['acute-care'] },
        { name: 'Acuut laat', rrule: DAILY, startTime: '19:00', endTime: '23:00', requiredQualifications: ['district-nurse'] },
        { name: 'Acuut werkdag extra', rrule: WEEKDAYS, startTime: '08:00', endTime: '16:00', requiredQualifications: ['district-nurse'] },
        { name: 'Acuut nacht bereikbaar', rrule: DAILY, startTime: '23:00', endTime: '08:00', dutyType: 'on-call', requiredQualifications: ['acute-care'] },
      ];
    case 'specialist-nursing':
      return [
        { name: 'Bereikbaar wondzorg', rrule: DAILY, startTime: '17:00', endTime: '08:00', dutyType: 'on-call', requiredQualifications: ['wound-care'] },
        { name: 'Bereikbaar infuus', rrule: DAILY, startTime: '17:00', endTime: '08:00', dutyType: 'on-call', requiredQualifications: ['infusion-therapy'] },
        { name: 'Weekend specialistisch', rrule: WEEKEND, startTime: '08:00', endTime: '17:00', dutyType: 'on-call', requiredQualifications: ['wound-care'] },
      ];
    default:
      return [
        { name: 'Coördinatie', rrule: WEEKDAYS, startTime: '09:00', endTime: '17:00', requiredQualifications: ['care-coordination'] },
        { name: 'Coördinatie 2', rrule: WEEKDAYS, startTime: '09:00', endTime: '17:00', requiredQualifications: ['care-coordination'] },
      ];
  }
}

export function nationalDataset(scale: number): Dataset {
  const random = prng(20_270_101);
  const regionCount = Math.max(1, Math.round(31 * scale));
  const insurers = Array.from({ length: 6 }, (_, i) => ({ uzovi: String(3300 + i * 7), name: `Zorgverzekeraar ${i + 1}` }));
  const regions: RegionSpec[] = [];
  const providers: Dataset['providers'] = [];
  const consortia: Dataset['consortia'] = [];
  const nurses: NurseSpec[] = [];
  for (let r = 0; r < regionCount; r++) {
    const code = `R${String(r + 1).padStart(3, '0')}`;
    // Populations from 150k to 1.3M.
    const population = 150_000 + Math.round((1_150_000 * ((r * 7919) % regionCount)) / Math.max(1, regionCount - 1));
    const agbs = [0, 1].map((p) => String(70_000_000 + r * 10 + p));
    for (const agb of agbs) providers.push({ agb, name: `Wijkzorg ${code}-${agb.slice(-1)}` });
    const consortiumIndex = r % 4 === 0 ? consortia.push({ name: `Samen Acuut ${code}`, leadAgb: agbs[0], memberAgbs: [agbs[1]] }) - 1 : -1;
    const functions = ['unplanned-night-care', 'acute-screening', 'specialist-nursing', 'care-coordination'];
    regions.push({
      code,
      name: `Regio ${code}`,
      population,
      insurerUzovi: insurers[r % insurers.length].uzovi,
      providers: agbs,
      contracts: functions.map((fn, i) => ({
        function: fn,
        party:
          fn === 'acute-screening' && consortiumIndex >= 0 ? { type: 'consortium' as const, consortiumIndex } : { type: 'provider' as const, agb: agbs[i % 2] },
        fee: { fixedMonthlyCents: 500_000 + 100 * r, perPositionHourCents: 4_000 + 10 * i, perInhabitantMonthlyCents: i === 3 ? 1 : 0 },
        templates: templatesFor(fn),
      })),
    });
    for (const agb of agbs) {
      for (let n = 0; n < 24; n++) {
        const q = ['district-nurse'];
        if (n % 3 === 0 || random() < 0.2) q.push('acute-care');
        if (n % 4 === 1 || random() < 0.1) q.push('wound-care');
        if (n % 6 === 2) q.push('infusion-therapy');
        if (n % 8 === 3 || n % 8 === 7) q.push('care-coordination');
        nurses.push({ name: `Verpleegkundige ${code}-${agb.slice(-1)}-${String(n + 1).padStart(2, '0')}`, employerAgb: agb, qualifications: q });
      }
    }
  }
  return { insurers, regions, providers, consortia, nurses };
}
