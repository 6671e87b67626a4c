import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { BadInputError, NotFoundError } from '../common/errors.js';
import { formatInstant, localDateOf, parseInstant } from '../common/local-time.js';
import { CodeField, REGION_CODE } from '../common/validation.js';
import { FUNCTIONS, type FunctionCode } from '../contracts/contract.entity.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { SqliteReaders } from '../common/sqlite-readers.js';

export class OnCallQuery {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @ApiProperty({ description: 'Function code', enum: FUNCTIONS, example: 'unplanned-night-care' })
  @IsIn(FUNCTIONS)
  function: FunctionCode;
  @ApiPropertyOptional({ description: 'Instant with offset (send + as %2B); default now', example: '2027-03-28T03:00:00+02:00' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  at?: string;
}

/** No slot lasts longer than this (24 h of wall clock plus a clock change), which bounds the index scan. */
const LONGEST_SLOT_MS = 26 * 3_600_000;

interface OnCallRow {
  kind: 'slot' | 'contract';
  slot_id: string | null;
  start_ms: number | string | null;
  end_ms: number | string | null;
  contract_id: string;
  nurse_id: string | null;
  nurse_name: string | null;
  phone: string | null;
  party_type: string | null;
  party_agb: string | null;
  party_consortium_id: string | null;
  party_name: string | null;
}

/**
 * "Who is on call right now?" — the partners' hot path. One round trip: the slots running at the
 * instant (a bounded range on the slots_region_function_start index) with their nurses, plus the
 * contracts active then (period containing the local date, or owning a running slot) with their
 * responsible party. The SQL text is built once; the region's zone is cached.
 */
@Injectable()
export class OnCallService {
  private readonly sql: string;

  constructor(
    dataSource: DataSource,
    private readonly readers: SqliteReaders,
    private readonly zones: RegionZones,
    private readonly clock: Clock,
  ) {
    const pg = dataSource.options.type === 'postgres';
    let n = 0;
    const p = () => (pg ? `$${++n}` : '?');
    const running = (alias: string) =>
      `${alias}.region_code = ${p()} AND ${alias}.function = ${p()} AND ${alias}.start_ms > ${p()} AND ${alias}.start_ms <= ${p()} AND ${alias}.end_ms > ${p()}`;
    this.sql = `SELECT 'slot' AS kind, s.id AS slot_id, s.start_ms AS start_ms, s.end_ms AS end_ms, s.contract_id AS contract_id, a.nurse_id AS nurse_id, n.name AS nurse_name, n.phone AS phone,
        NULL AS party_type, NULL AS party_agb, NULL AS party_consortium_id, NULL AS party_name
      FROM slots s
      LEFT JOIN assignments a ON a.slot_id = s.id AND a.status = 'active'
      LEFT JOIN nurses n ON n.id = a.nurse_id
      WHERE ${running('s')}
      UNION ALL
      SELECT 'contract', NULL, NULL, NULL, c.id, NULL, NULL, NULL, c.party_type, c.party_agb, c.party_consortium_id, COALESCE(pr.name, co.name)
      FROM contracts c
      LEFT JOIN providers pr ON pr.agb = c.party_agb
      LEFT JOIN consortia co ON co.id = c.party_consortium_id
      WHERE c.region_code = ${p()} AND c.function = ${p()}
        AND ((c.valid_from <= ${p()} AND (c.valid_to IS NULL OR c.valid_to >= ${p()}))
          OR c.id IN (SELECT s2.contract_id FROM slots s2 WHERE ${running('s2')}))
      ORDER BY kind DESC, start_ms, slot_id, nurse_name`;
  }

  /**
   * The hot path validates its three query parameters by hand instead of through the
   * class-validator pipe (same rules, same 400 answers), which halves its cost per request.
   */
  parseQuery(raw: Record<string, unknown>): OnCallQuery {
    const problems: string[] = [];
    for (const key of Object.keys(raw)) if (!['regionCode', 'function', 'at'].includes(key)) problems.push(`property ${key} should not exist`);
    const { regionCode, function: fn, at } = raw;
    if (typeof regionCode !== 'string' || !REGION_CODE.test(regionCode)) problems.push('regionCode must be a region code');
    if (typeof fn !== 'string' || !(FUNCTIONS as readonly string[]).includes(fn)) problems.push(`function must be one of the following values: ${FUNCTIONS.join(', ')}`);
    if (at !== undefined && (typeof at !== 'string' || at.length > 64)) problems.push('at must be an ISO 8601 instant with an explicit offset');
    if (problems.length) throw new BadInputError(problems.join('; '));
    return { regionCode: regionCode as string, function: fn as FunctionCode, at: at as string | undefined };
  }

  async lookup(q: OnCallQuery) {
    let at = this.clock.now();
    if (q.at !== undefined) {
      const parsed = parseInstant(q.at);
      if (parsed === null) throw new BadInputError('at must be an ISO 8601 instant with an explicit offset (send + as %2B)');
      at = parsed;
    }
    const zone = await this.zones.zoneOf(q.regionCode);
    const localDate = localDateOf(at, zone);
    const window = [q.regionCode, q.function, at - LONGEST_SLOT_MS, at, at];
    const rows = await this.readers.query<OnCallRow>(this.sql, [...window, q.regionCode, q.function, localDate, localDate, ...window]);
    const slotRows = rows.filter((r) => r.kind === 'slot');
    const contracts = rows.filter((r) => r.kind === 'contract');
    // Prefer the contract whose slot runs now (a night past a contract's last day), else the period's.
    const running = slotRows[0]?.contract_id;
    const contract = contracts.find((c) => c.contract_id === running) ?? contracts[0];
    if (!contract) throw new NotFoundError(`no contract for ${q.function} in ${q.regionCode} is active at that time`);
    const slots = new Map<string, { id: string; start: string; end: string; nurses: Array<{ id: string; name: string; phone: string | null }> }>();
    for (const r of slotRows) {
      let slot = slots.get(r.slot_id as string);
      if (!slot) {
        slot = { id: r.slot_id as string, start: formatInstant(Number(r.start_ms), zone), end: formatInstant(Number(r.end_ms), zone), nurses: [] };
        slots.set(r.slot_id as string, slot);
      }
      if (r.nurse_id) slot.nurses.push({ id: r.nurse_id, name: r.nurse_name ?? '', phone: r.phone });
    }
    const party =
      contract.party_type === 'provider'
        ? { type: 'provider', agb: contract.party_agb, name: contract.party_name }
        : { type: 'consortium', consortiumId: contract.party_consortium_id, name: contract.party_name };
    return {
      regionCode: q.regionCode,
      function: q.function,
      at: formatInstant(at, zone),
      contract: { id: contract.contract_id, responsibleParty: party },
      slots: [...slots.values()],
    };
  }
}
