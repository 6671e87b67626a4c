import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { parameterMarker } from '../database/dialect.js';
import { NotFoundError } from '../common/errors.js';
import { formatInstant, localDateOf, parseInstant } from '../common/local-time.js';
import type { FunctionCode } from '../contracts/contract.entity.js';
import { OnCallQuery } from './dto/on-call.query.js';
import { findOnCall, type RunningSlot } from './on-call.js';
import type { OnCallPartyResponse, OnCallResponse, OnCallSlotResponse } from './on-call.response.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { SqliteReaders } from '../database/sqlite-readers.js';
import { ChangeEpochs } from '../common/change-epochs.js';

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
  /** The provider's or consortium's name: the foreign keys guarantee there is one. */
  party_name: string;
}

function partyView(c: ContractRow): OnCallPartyResponse {
  return c.party_type === 'provider'
    ? { type: 'provider', agb: c.party_agb as string, name: c.party_name }
    : { type: 'consortium', consortiumId: c.party_consortium_id as string, name: c.party_name };
}

function slotOnCallView(s: RunningSlot, zone: string): OnCallSlotResponse {
  return { id: s.slotId, start: formatInstant(s.startMs, zone), end: formatInstant(s.endMs, zone), nurses: s.nurses };
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
    const p = parameterMarker(dataSource);
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

  /** The answer of GET /api/on-call: who is on call for the function in the region at `atMs`. */
  async lookup(q: OnCallQuery): Promise<OnCallResponse> {
    const at = q.at === undefined ? this.clock.now() : (parseInstant(q.at) as number);
    const zone = await this.zones.zoneOf(q.regionCode);
    const found = await this.findOnCall(q.regionCode, q.function, at, zone);
    if (!found) throw new NotFoundError(`no contract for ${q.function} in ${q.regionCode} is active at that time`);
    const { contract, slots } = found;
    return {
      regionCode: q.regionCode,
      function: q.function,
      at: formatInstant(at, zone),
      contract: { id: contract.id, responsibleParty: partyView(contract) },
      slots: slots.map((s) => slotOnCallView(s, zone)),
    };
  }

  /**
   * Who is on call for a function in a region at an instant: the active contract and its slots
   * running then, with their nurses (one indexed query; contracts cached). Null without an active contract.
   */
  async findOnCall(regionCode: string, fn: FunctionCode, atMs: number, zone?: string) {
    const localDate = localDateOf(atMs, zone ?? (await this.zones.zoneOf(regionCode)));
    const [slotRows, contracts] = await Promise.all([
      this.readers.query<SlotRow>(this.slotsSql, [regionCode, fn, atMs - LONGEST_SLOT_MS, atMs, atMs]),
      this.contractsOf(regionCode, fn),
    ]);
    const running = new Map<string, RunningSlot>();
    for (const r of slotRows) {
      let slot = running.get(r.slot_id);
      if (!slot)
        running.set(r.slot_id, (slot = { slotId: r.slot_id, contractId: r.contract_id, startMs: Number(r.start_ms), endMs: Number(r.end_ms), nurses: [] }));
      if (r.nurse_id) slot.nurses.push({ id: r.nurse_id, name: r.nurse_name ?? '', phone: r.phone });
    }
    const periods = contracts.map((c) => ({ ...c, validFrom: c.valid_from, validTo: c.valid_to }));
    return findOnCall(periods, [...running.values()], localDate);
  }
}
