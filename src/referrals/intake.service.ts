import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Violation } from '../common/codes.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { formatInstant } from '../common/local-time.js';
import { Locks } from '../database/locks.js';
import { parameterMarker } from '../database/dialect.js';
import { phoneE164 } from '../common/phone.js';
import { SqliteReaders } from '../database/sqlite-readers.js';
import type { Principal } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { DEFAULT_ZONE, ReferenceService } from '../reference/reference.service.js';
import type { RegionEntity } from '../reference/reference.entities.js';
import { CapacityQuery, PatchIntakeLineDto, PutIntakeDto } from './dto/intake.dto.js';
import type { CapacityCellResponse, CapacityLineResponse, IntakeLineResponse, IntakeResponse } from './intake.response.js';
import { lightOf, type MatchLine } from './matching.js';
import { firstShared, normalise, pc4Text, type PostcodeRange } from './postcodes.js';
import { CARE_KINDS, type CareKind, type Light, LIGHTS } from './referral-codes.js';
import type { CapacitySnapshot } from './referral-figures.js';
import { IntakeLineEntity, IntakeSnapshotEntity, ProviderIntakeEntity } from './referral.entities.js';

const LIGHT_RANK: Record<Light, number> = { green: 0, orange: 1, red: 2, grey: 3 };
/** Parsed postcodes kept per line id (a line's postcodes never change: publishing makes new lines); emptied past this size. */
const RANGES_CACHE_SIZE = 50_000;

interface LineRow {
  id: string;
  agb: string;
  name: string;
  region_code: string;
  care_kind: CareKind;
  postcodes: string;
  places: number | string;
  is_primary: boolean | number;
  published_at: number | string | null;
}

/**
 * Providers' intake capacity: publishing lines (replacing them all), one line's places in one tap,
 * the lights, the region's capacity per PC4 and care kind, and the places an accepted referral
 * takes. Every change of a provider's lines also writes a snapshot of them, for the figures.
 */
@Injectable()
export class IntakeService {
  private readonly ranges = new Map<string, PostcodeRange[]>();
  /** Each region's lines as matching reads them, with the intake version they were read at. */
  private readonly regionLines = new Map<string, { version: number; lines: MatchLine[] }>();
  private readonly linesSql: string;
  private readonly versionSql: string;
  private readonly bumpSql: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly readers: SqliteReaders,
  ) {
    // One query for the ranking's input: the lines with their provider's name and last publication.
    this.linesSql = `SELECT l.id, l.agb, p.name, l.region_code, l.care_kind, l.postcodes, l.places, l.is_primary, i.published_at
      FROM intake_lines l JOIN providers p ON p.agb = l.agb LEFT JOIN provider_intake i ON i.agb = l.agb
      WHERE l.region_code = ${parameterMarker(dataSource)(1)}`;
    this.versionSql = `SELECT version FROM intake_versions WHERE region_code = ${parameterMarker(dataSource)(1)}`;
    this.bumpSql = `INSERT INTO intake_versions (region_code, version) VALUES (${parameterMarker(dataSource)(1)}, 1)
      ON CONFLICT (region_code) DO UPDATE SET version = intake_versions.version + 1`;
  }

  /** A provider user acts for its own provider only; an admin for any. */
  private assertActsFor(who: Principal, agb: string): void {
    if (who.role === 'admin') return;
    if (who.role !== 'provider' || who.providerAgb !== agb) throw new ForbiddenError(`you do not act for provider ${agb}`);
  }

  // ---- reading ------------------------------------------------------------------------------

  private async regionsOf(m: EntityManager, codes: Iterable<string>): Promise<Map<string, RegionEntity>> {
    return new Map((await this.reference.regionsByCode([...new Set(codes)], m)).map((r) => [r.code, r]));
  }

  private lineView(line: IntakeLineEntity, publishedAt: number, region: RegionEntity | undefined, now: number): IntakeLineResponse {
    const zone = region?.timezone ?? DEFAULT_ZONE;
    return {
      id: line.id,
      regionCode: line.regionCode,
      careKind: line.careKind,
      postcodes: line.postcodes,
      places: line.places,
      primary: !!line.primary,
      light: lightOf(line.places, publishedAt, region?.capacityStaleHours ?? 24, now),
      updatedAt: formatInstant(line.updatedAt, zone),
    };
  }

  private async intakeView(m: EntityManager, agb: string, name: string): Promise<IntakeResponse> {
    const now = this.clock.now();
    const intake = await m.findOneBy(ProviderIntakeEntity, { agb });
    const lines = await m.findBy(IntakeLineEntity, { agb });
    const regions = await this.regionsOf(
      m,
      lines.map((l) => l.regionCode),
    );
    lines.sort(
      (a, b) =>
        a.regionCode.localeCompare(b.regionCode) ||
        CARE_KINDS.indexOf(a.careKind) - CARE_KINDS.indexOf(b.careKind) ||
        (normalise(a.postcodes)[0]?.from ?? 0) - (normalise(b.postcodes)[0]?.from ?? 0) ||
        a.id.localeCompare(b.id),
    );
    // A provider's publication time reads in the zone of its first line's region (Amsterdam by default).
    const zone = regions.get(lines[0]?.regionCode ?? '')?.timezone ?? DEFAULT_ZONE;
    return {
      agb,
      name,
      intakePhone: intake?.intakePhone ?? null,
      publishedAt: intake ? formatInstant(intake.publishedAt, zone) : null,
      lines: lines.map((l) => this.lineView(l, intake?.publishedAt ?? 0, regions.get(l.regionCode), now)),
    };
  }

  async get(who: Principal, agb: string): Promise<IntakeResponse> {
    this.assertActsFor(who, agb);
    const provider = await this.reference.providerByAgb(agb);
    if (!provider) throw new NotFoundError(`provider ${agb} not found`);
    return this.intakeView(this.dataSource.manager, agb, provider.name);
  }

  // ---- publishing ---------------------------------------------------------------------------

  /**
   * A snapshot of the provider's lines as they are now, and a new version of the intake of every
   * region they are in (and of `alsoRegions`, where lines were removed): inside the caller's
   * transaction, so the version changes exactly when the lines do.
   */
  private async snapshot(m: EntityManager, agb: string, publishedAt: number, now: number, alsoRegions: readonly string[] = []): Promise<void> {
    const lines = await m.findBy(IntakeLineEntity, { agb });
    for (const regionCode of [...new Set([...alsoRegions, ...lines.map((l) => l.regionCode)])].sort()) await m.query(this.bumpSql, [regionCode]);
    await m.insert(IntakeSnapshotEntity, {
      id: newId(),
      agb,
      at: now,
      publishedAt,
      lines: lines.map((l) => ({ regionCode: l.regionCode, careKind: l.careKind, postcodes: l.postcodes, places: l.places })),
    });
  }

  put(who: Principal, agb: string, dto: PutIntakeDto): Promise<IntakeResponse> {
    this.assertActsFor(who, agb);
    return this.tx.run(
      async (m) => {
        const provider = await this.reference.providerByAgb(agb, m);
        if (!provider) throw new NotFoundError(`provider ${agb} not found`);
        const regions = await this.regionsOf(
          m,
          dto.lines.map((l) => l.regionCode),
        );
        const violations: Violation[] = [];
        for (const code of new Set(dto.lines.map((l) => l.regionCode))) if (!regions.has(code)) violations.push(unknownReference('region', code));
        // One line per region, care kind and PC4: a referral then matches one line per kind.
        const ranges = dto.lines.map((l) => normalise(l.postcodes));
        for (let i = 0; i < dto.lines.length; i++) {
          for (let j = i + 1; j < dto.lines.length; j++) {
            const a = dto.lines[i];
            const b = dto.lines[j];
            if (a.regionCode !== b.regionCode || a.careKind !== b.careKind) continue;
            const shared = firstShared(ranges[i], ranges[j]);
            if (shared !== null) {
              violations.push({
                rule: 'intake-overlap',
                message: `lines ${i + 1} and ${j + 1} (${a.regionCode}, ${a.careKind}) both cover ${pc4Text(shared)}: one line per region, care kind and PC4`,
              });
            }
          }
        }
        if (violations.length) throw new RuleViolationError(violations);
        const now = this.clock.now();
        const before = [...new Set((await m.findBy(IntakeLineEntity, { agb })).map((l) => l.regionCode))];
        await m.delete(IntakeLineEntity, { agb });
        const lines = dto.lines.map((l) =>
          Object.assign(new IntakeLineEntity(), {
            id: newId(),
            agb,
            regionCode: l.regionCode,
            careKind: l.careKind,
            postcodes: l.postcodes,
            places: l.places,
            primary: l.primary ?? false,
            updatedAt: now,
          }),
        );
        for (let i = 0; i < lines.length; i += 100) await m.insert(IntakeLineEntity, lines.slice(i, i + 100));
        const intake = Object.assign(new ProviderIntakeEntity(), {
          agb,
          intakePhone: phoneE164(dto.intakePhone) as string,
          publishedAt: now,
          publishedBy: who.userId,
        });
        await m.upsert(ProviderIntakeEntity, intake, ['agb']);
        await this.snapshot(m, agb, now, now, before);
        const places = lines.reduce((n, l) => n + l.places, 0);
        await this.audit.append(
          m,
          who,
          'publish',
          'provider-intake',
          agb,
          `${lines.length} intake lines in ${[...regions.keys()].sort().join(',') || 'no region'}, ${places} places in all`,
        );
        return this.intakeView(m, agb, provider.name);
      },
      [Locks.intake(agb)],
    );
  }

  patchLine(who: Principal, agb: string, lineId: string, dto: PatchIntakeLineDto): Promise<IntakeResponse> {
    this.assertActsFor(who, agb);
    return this.tx.run(
      async (m) => {
        const provider = await this.reference.providerByAgb(agb, m);
        if (!provider) throw new NotFoundError(`provider ${agb} not found`);
        const line = await m.findOneBy(IntakeLineEntity, { id: lineId, agb });
        if (!line) throw new NotFoundError(`intake line ${lineId} of provider ${agb} not found`);
        const now = this.clock.now();
        // A tap on one line is a publication too: the provider's lines are current again.
        await m.update(IntakeLineEntity, { id: lineId }, { places: dto.places, updatedAt: now });
        await m.update(ProviderIntakeEntity, { agb }, { publishedAt: now, publishedBy: who.userId });
        await this.snapshot(m, agb, now, now);
        await this.audit.append(m, who, 'update', 'intake-line', lineId, `${line.regionCode} ${line.careKind}: places ${line.places} → ${dto.places}`);
        return this.intakeView(m, agb, provider.name);
      },
      [Locks.intake(agb)],
    );
  }

  // ---- for referrals ------------------------------------------------------------------------

  private rangesOf(row: LineRow): PostcodeRange[] {
    let ranges = this.ranges.get(row.id);
    if (!ranges) {
      if (this.ranges.size >= RANGES_CACHE_SIZE) this.ranges.clear();
      ranges = normalise(JSON.parse(row.postcodes) as string[]);
      this.ranges.set(row.id, ranges);
    }
    return ranges;
  }

  private matchLine(row: LineRow): MatchLine {
    return {
      id: row.id,
      agb: row.agb,
      name: row.name,
      regionCode: row.region_code,
      careKind: row.care_kind,
      ranges: this.rangesOf(row),
      places: Number(row.places),
      primary: !!row.is_primary,
      publishedAt: row.published_at === null ? 0 : Number(row.published_at),
    };
  }

  /**
   * Every intake line of the region with its provider's name and last publication, as matching
   * reads them: in one query, through `m` inside a transaction, else on the read connections (so
   * that ranking a new referral never waits behind a write).
   */
  async matchLines(m: EntityManager | null, regionCode: string): Promise<MatchLine[]> {
    if (m) return (await m.query<LineRow[]>(this.linesSql, [regionCode])).map((row) => this.matchLine(row));
    // Outside a transaction the region's lines are kept per intake version (any instance's change
    // of them makes a new one): one small query, and the lines themselves only when they changed.
    // The version is read before the lines, so lines never pass for older than they are.
    const [row] = await this.readers.query<{ version: number | string }>(this.versionSql, [regionCode]);
    const version = row ? Number(row.version) : 0;
    const cached = this.regionLines.get(regionCode);
    if (cached && cached.version === version) return cached.lines;
    const lines = (await this.readers.query<LineRow>(this.linesSql, [regionCode])).map((r) => this.matchLine(r));
    this.regionLines.set(regionCode, { version, lines });
    return lines;
  }

  /** A provider's lines in the region (inside the caller's transaction). */
  linesOf(m: EntityManager, agb: string, regionCode: string): Promise<IntakeLineEntity[]> {
    return m.findBy(IntakeLineEntity, { agb, regionCode });
  }

  /** Whether the provider has an intake line in the region (it is one of the region's providers). */
  async hasLineIn(m: EntityManager, agb: string, regionCode: string): Promise<boolean> {
    return (await m.countBy(IntakeLineEntity, { agb, regionCode })) > 0;
  }

  /** The providers' intake phones (E.164) by AGB. */
  async phonesOf(m: EntityManager, agbs: readonly string[]): Promise<Map<string, string>> {
    if (!agbs.length) return new Map();
    return new Map((await m.findBy(ProviderIntakeEntity, { agb: In([...new Set(agbs)]) })).map((i) => [i.agb, i.intakePhone]));
  }

  /**
   * An accepted referral takes one place from each line it matched on (never below 0), inside the
   * caller's transaction, which holds the provider's intake lock. The provider's publication time
   * stays: this is not the provider publishing.
   */
  async takePlaces(m: EntityManager, who: Principal, agb: string, lineIds: readonly string[], referralId: string): Promise<void> {
    const now = this.clock.now();
    const lines = lineIds.length ? await m.findBy(IntakeLineEntity, { id: In([...lineIds]), agb }) : [];
    const taken = lines.filter((l) => l.places > 0);
    for (const line of taken) await m.update(IntakeLineEntity, { id: line.id }, { places: line.places - 1, updatedAt: now });
    if (!taken.length) return;
    const intake = await m.findOneBy(ProviderIntakeEntity, { agb });
    await this.snapshot(m, agb, intake?.publishedAt ?? now, now);
    await this.audit.appendMany(
      m,
      who,
      'take-place',
      'intake-line',
      taken.map((l) => ({ entityId: l.id, summary: `referral ${referralId} placed: ${l.regionCode} ${l.careKind} places ${l.places} → ${l.places - 1}` })),
    );
  }

  /** Snapshots for the figures of [from, to): each provider's last one before `from` and all in the window. */
  async snapshotsFor(from: number, to: number): Promise<CapacitySnapshot[]> {
    const m = this.dataSource.manager;
    const inWindow = await m.createQueryBuilder(IntakeSnapshotEntity, 's').where('s.at >= :from AND s.at < :to', { from, to }).getMany();
    const before = await m
      .createQueryBuilder(IntakeSnapshotEntity, 's')
      .innerJoin(
        (qb) => qb.select('x.agb', 'agb').addSelect('MAX(x.at)', 'at').from(IntakeSnapshotEntity, 'x').where('x.at < :from', { from }).groupBy('x.agb'),
        'latest',
        'latest.agb = s.agb AND latest.at = s.at',
      )
      .getMany();
    return [...before, ...inWindow].map((s) => ({ agb: s.agb, at: s.at, publishedAt: s.publishedAt, lines: s.lines }));
  }

  // ---- the region's capacity ------------------------------------------------------------------

  /**
   * Per PC4 and care kind of the region, the lines that cover it, with their lights (api.md:
   * `GET /api/capacity`). A partner sees the counts per light, never the providers.
   */
  async capacity(who: Principal, q: CapacityQuery): Promise<CapacityCellResponse[]> {
    if ((who.role === 'coordinator' || who.role === 'partner') && !who.regionCodes.includes(q.regionCode)) {
      throw new ForbiddenError(`region ${q.regionCode} is not one of yours`);
    }
    const m = this.dataSource.manager;
    const region = await this.reference.regionByCode(q.regionCode, m);
    if (!region) throw new NotFoundError(`region ${q.regionCode} not found`);
    const now = this.clock.now();
    const withNames = who.role !== 'partner';
    const lines = (await this.matchLines(null, q.regionCode)).filter((l) => !q.careKind || l.careKind === q.careKind);
    const cells: CapacityCellResponse[] = [];
    const only = q.postcode === undefined ? null : Number(q.postcode);
    for (const careKind of CARE_KINDS) {
      const ofKind = lines.filter((l) => l.careKind === careKind);
      if (!ofKind.length) continue;
      // Sweep the PC4 axis: between two boundaries the covering lines stay the same.
      const bounds = new Set<number>();
      for (const l of ofKind)
        for (const r of l.ranges) {
          bounds.add(r.from);
          bounds.add(r.to + 1);
        }
      const cuts = [...bounds].sort((a, b) => a - b);
      for (let i = 0; i + 1 < cuts.length; i++) {
        const from = cuts[i];
        const to = cuts[i + 1] - 1;
        if (only !== null && (only < from || only > to)) continue;
        const covering = ofKind.filter((l) => l.ranges.some((r) => r.from <= from && from <= r.to));
        if (!covering.length) continue;
        const lineViews: Array<CapacityLineResponse & { light: Light }> = covering
          .map((l) => ({
            lineId: l.id,
            agb: l.agb,
            name: l.name,
            places: l.places,
            primary: l.primary,
            light: lightOf(l.places, l.publishedAt, region.capacityStaleHours, now),
          }))
          .sort((a, b) => LIGHT_RANK[a.light] - LIGHT_RANK[b.light] || b.places - a.places || a.agb.localeCompare(b.agb));
        const counts = { green: 0, orange: 0, red: 0, grey: 0 };
        for (const l of lineViews) counts[l.light]++;
        const light = LIGHTS.find((x) => counts[x] > 0) as Light;
        for (let pc4 = only ?? from; pc4 <= (only ?? to); pc4++) {
          cells.push({ postcode: pc4Text(pc4), careKind, light, counts, ...(withNames ? { lines: lineViews } : {}) });
        }
      }
    }
    return cells.sort(
      (a, b) => a.postcode.localeCompare(b.postcode) || CARE_KINDS.indexOf(a.careKind as CareKind) - CARE_KINDS.indexOf(b.careKind as CareKind),
    );
  }
}
