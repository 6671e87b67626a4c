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
  slot_id: string;
  start_ms: number | string;
  end_ms: number | string;
  contract_id: string;
  nurse_id: string | null;
  nurse_name: string | null;
  phone: string | null;
}

/**
 * "Who is on call right now?" — the partners' hot path. Two indexed queries: the contract of the
 * region and function, and the slots running at the instant (bounded range on slots_region_function_start)
 * joined with their nurses. SQL text is prepared once; the region's zone is cached.
 */
@Injectable()
export class OnCallService {
  private readonly pg: boolean;
  private readonly contractSql: string;
  private readonly slotsSql: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly zones: RegionZones,
    private readonly clock: Clock,
  ) {
    this.pg = dataSource.options.type === 'postgres';
    const p = (n: number) => (this.pg ? `$${n}` : '?');
    this.contractSql = `SELECT c.id, c.valid_from, c.valid_to, c.party_type, c.party_agb, c.party_consortium_id,
        COALESCE(pr.name, co.name) AS party_name
      FROM contracts c LEFT JOIN providers pr ON pr.agb = c.party_agb LEFT JOIN consortia co ON co.id = c.party_consortium_id
      WHERE c.region_code = ${p(1)} AND c.function = ${p(2)} AND c.valid_from <= ${p(3)} AND (c.valid_to IS NULL OR c.valid_to >= ${p(4)})`;
    this.slotsSql = `SELECT s.id AS slot_id, s.start_ms, s.end_ms, s.contract_id, a.nurse_id, n.name AS nurse_name, n.phone
      FROM slots s
      LEFT JOIN assignments a ON a.slot_id = s.id AND a.status = 'active'
      LEFT JOIN nurses n ON n.id = a.nurse_id
      WHERE s.region_code = ${p(1)} AND s.function = ${p(2)} AND s.start_ms > ${p(3)} AND s.start_ms <= ${p(4)} AND s.end_ms > ${p(5)}
      ORDER BY s.start_ms, s.id, n.name`;
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
    const rows: OnCallRow[] = await this.dataSource.query(this.slotsSql, [q.regionCode, q.function, at - LONGEST_SLOT_MS, at, at]);
    const contracts: Array<Record<string, string | null>> = await this.dataSource.query(this.contractSql, [q.regionCode, q.function, localDate, localDate]);
    // A contract is active when the local date lies in its period or one of its slots runs now.
    let contract = rows.length ? undefined : contracts[0];
    if (rows.length) {
      const running = rows[0].contract_id;
      contract = contracts.find((c) => c.id === running);
      if (!contract) {
        const extra: Array<Record<string, string | null>> = await this.dataSource.query(
          this.contractSql.replace(/AND c\.valid_from.*$/s, `AND c.id = ${this.pg ? '$3' : '?'}`),
          [q.regionCode, q.function, running],
        );
        contract = extra[0];
      }
    }
    if (!contract) throw new NotFoundError(`no contract for ${q.function} in ${q.regionCode} is active at that time`);
    const slots = new Map<string, { id: string; start: string; end: string; nurses: Array<{ id: string; name: string; phone: string | null }> }>();
    for (const r of rows) {
      let slot = slots.get(r.slot_id);
      if (!slot) {
        slot = { id: r.slot_id, start: formatInstant(Number(r.start_ms), zone), end: formatInstant(Number(r.end_ms), zone), nurses: [] };
        slots.set(r.slot_id, slot);
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
