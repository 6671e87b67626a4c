import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { BadInputError, NotFoundError } from '../common/errors.js';
import { formatInstant, localDateOf, parseInstant } from '../common/local-time.js';
import { CodeField, REGION_CODE, Optional } from '../common/validation.js';
import { FUNCTIONS, type FunctionCode } from '../contracts/contract.entity.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { SqliteReaders } from '../common/sqlite-readers.js';
import { ChangeEpochs } from '../common/change-epochs.js';

export class OnCallQuery {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @ApiProperty({ description: 'Function code', enum: FUNCTIONS, example: 'unplanned-night-care' })
  @IsIn(FUNCTIONS)
  function: FunctionCode;
  @ApiPropertyOptional({ description: 'Instant with offset (send + as %2B); default now', example: '2027-03-28T03:00:00+02:00' })
  @Optional()
  @IsString()
  @MaxLength(64)
  at?: string;
}

/** No slot lasts longer than this (24 h of wall clock plus a clock change), which bounds the index scan. */
const LONGEST_SLOT_MS = 26 * 3_600_000;

interface SlotRow {
  slot_id: string;
  start_ms: number | string;
  end_ms: number | string;
  contract_id: string;
  nurse_id: string | null;
  nurse_name: string | null;
  phone: string | null;
}

interface ContractRow {
  id: string;
  valid_from: string;
  valid_to: string | null;
  party_type: string;
  party_agb: string | null;
  party_consortium_id: string | null;
  party_name: string | null;
}

/** How long another instance's contract change may take to show (this instance sees it at once). */
const CONTRACT_CACHE_MS = 5_000;

/**
 * "Who is on call right now?" — the partners' hot path. Per request one indexed query: the slots
 * running at the instant (a bounded range on slots_region_function_start) with their nurses, on
 * read-only connections beside the writer. The contracts of a region and function (a handful of
 * rows with their party names) are cached; contract writes in this instance clear the cache and
 * other instances' changes show within five seconds. SQL text is built once; zones are cached.
 */
@Injectable()
export class OnCallService {
  private readonly slotsSql: string;
  private readonly contractsSql: string;
  private readonly contractCache = new Map<string, { epoch: number; loadedAt: number; rows: ContractRow[] }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly readers: SqliteReaders,
    private readonly zones: RegionZones,
    private readonly clock: Clock,
    private readonly epochs: ChangeEpochs,
  ) {
    const pg = dataSource.options.type === 'postgres';
    const p = (n: number) => (pg ? `$${n}` : '?');
    this.slotsSql = `SELECT s.id AS slot_id, s.start_ms AS start_ms, s.end_ms AS end_ms, s.contract_id AS contract_id,
        a.nurse_id AS nurse_id, n.name AS nurse_name, n.phone AS phone
      FROM slots s
      LEFT JOIN assignments a ON a.slot_id = s.id AND a.status = 'active'
      LEFT JOIN nurses n ON n.id = a.nurse_id
      WHERE s.region_code = ${p(1)} AND s.function = ${p(2)} AND s.start_ms > ${p(3)} AND s.start_ms <= ${p(4)} AND s.end_ms > ${p(5)}
      ORDER BY s.start_ms, s.id, n.name`;
    this.contractsSql = `SELECT c.id, c.valid_from, c.valid_to, c.party_type, c.party_agb, c.party_consortium_id, COALESCE(pr.name, co.name) AS party_name
      FROM contracts c
      LEFT JOIN providers pr ON pr.agb = c.party_agb
      LEFT JOIN consortia co ON co.id = c.party_consortium_id
      WHERE c.region_code = ${p(1)} AND c.function = ${p(2)}`;
  }

  private async contractsOf(regionCode: string, fn: string): Promise<ContractRow[]> {
    const key = `${regionCode}|${fn}`;
    const now = Date.now();
    const cached = this.contractCache.get(key);
    if (cached && cached.epoch === this.epochs.contracts && now - cached.loadedAt < CONTRACT_CACHE_MS) return cached.rows;
    const epoch = this.epochs.contracts;
    const rows = await this.readers.query<ContractRow>(this.contractsSql, [regionCode, fn]);
    this.contractCache.set(key, { epoch, loadedAt: now, rows });
    return rows;
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
    const [slotRows, contracts] = await Promise.all([
      this.readers.query<SlotRow>(this.slotsSql, [q.regionCode, q.function, at - LONGEST_SLOT_MS, at, at]),
      this.contractsOf(q.regionCode, q.function),
    ]);
    // Active: the local date lies in the period, or one of its slots runs now (a night past the last day).
    const running = slotRows[0]?.contract_id;
    const contract =
      contracts.find((c) => c.id === running) ?? contracts.find((c) => c.valid_from <= localDate && (c.valid_to === null || c.valid_to >= localDate));
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
      contract: { id: contract.id, responsibleParty: party },
      slots: [...slots.values()],
    };
  }
}
