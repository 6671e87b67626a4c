import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { BadInputError, ForbiddenError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { formatInstant, parseInstant } from '../common/local-time.js';
import type { Principal } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { SlotsService } from '../roster/slots.service.js';
import { AlertWebhook } from './alert-webhook.js';
import { AlertEntity } from './alert.entity.js';
import type { AlertResponse } from './alert.response.js';

const GAP_WINDOW_MS = 72 * 3_600_000;
const FALLBACK_ZONE = 'Europe/Amsterdam';

export function alertView(a: AlertEntity, zone: string): AlertResponse {
  return {
    id: a.id,
    slotId: a.slotId,
    regionCode: a.regionCode,
    function: a.function,
    start: formatInstant(a.startMs, zone),
    end: formatInstant(a.endMs, zone),
    missing: a.missing,
    status: a.status,
    createdAt: formatInstant(a.createdAt, zone),
    resolvedAt: a.resolvedAt === null ? null : formatInstant(a.resolvedAt, zone),
  };
}

/** Gap alerts: open or partial slots of the coming 72 h (the scan-gaps job), and their list. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly webhook: AlertWebhook,
    private readonly zones: RegionZones,
    private readonly slots: SlotsService,
  ) {}

  /** Open or partial slots starting in the next 72 h get one open alert; covered, removed or ended ones are resolved. */
  async scanGaps(): Promise<Record<string, number>> {
    const now = this.clock.now();
    const created: AlertEntity[] = [];
    const resolved = await this.tx.run(async (m) => {
      const open = await m.find(AlertEntity, { where: { active: 1 } });
      const slots = await this.slots.byIds(
        open.map((a) => a.slotId),
        m,
      );
      const byId = new Map(slots.map((s) => [s.id, s]));
      let count = 0;
      for (const alert of open) {
        const slot = byId.get(alert.slotId);
        if (!slot || slot.endMs <= now || slot.assignedCount >= slot.requiredNurses) {
          await m.update(AlertEntity, { id: alert.id }, { status: 'resolved', active: null, resolvedAt: now });
          count++;
        }
      }
      const gaps = await this.slots.shortStartingBetween(m, now, now + GAP_WINDOW_MS);
      const stillOpen = new Set((await m.find(AlertEntity, { where: { active: 1 }, select: { slotId: true } })).map((a) => a.slotId));
      for (const s of gaps) {
        if (stillOpen.has(s.id)) continue;
        const alert: AlertEntity = Object.assign(new AlertEntity(), {
          id: newId(),
          slotId: s.id,
          regionCode: s.regionCode,
          function: s.function,
          startMs: s.startMs,
          endMs: s.endMs,
          missing: s.requiredNurses - s.assignedCount,
          status: 'open' as const,
          active: 1,
          createdAt: now,
          resolvedAt: null as number | null,
        });
        await m.insert(AlertEntity, alert);
        created.push(alert);
      }
      const zones = await this.zones.zonesOf(
        created.map((alert) => alert.regionCode),
        m,
      );
      await this.webhook.enqueue(
        m,
        created.map((alert) => alertView(alert, zones.get(alert.regionCode) ?? FALLBACK_ZONE)),
      );
      return count;
    });
    return { created: created.length, resolved };
  }

  /** Alerts in the caller's scope: an admin any region, a coordinator its own regions. */
  async alertsFor(who: Principal, q: { regionCode?: string; status?: string; from?: string; to?: string }): Promise<AlertResponse[]> {
    let regionCodes: string[] | null = q.regionCode ? [q.regionCode] : null;
    if (who.role === 'coordinator') {
      if (q.regionCode && !who.regionCodes.includes(q.regionCode)) throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
      regionCodes = q.regionCode ? [q.regionCode] : who.regionCodes;
    }
    const fromMs = q.from === undefined ? undefined : (parseInstant(q.from) ?? undefined);
    const toMs = q.to === undefined ? undefined : (parseInstant(q.to) ?? undefined);
    if (fromMs !== undefined && toMs !== undefined && toMs < fromMs) throw new BadInputError('to must not be before from');
    return this.alerts({ regionCodes, status: q.status, fromMs, toMs });
  }

  private async alerts(filter: { regionCodes: string[] | null; status?: string; fromMs?: number; toMs?: number }) {
    const qb = this.dataSource.manager.createQueryBuilder(AlertEntity, 'a').orderBy('a.start_ms', 'ASC').addOrderBy('a.id', 'ASC').limit(5000);
    if (filter.regionCodes) {
      if (filter.regionCodes.length === 0) return [];
      qb.andWhere('a.region_code IN (:...regions)', { regions: filter.regionCodes });
    }
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.fromMs !== undefined) qb.andWhere('a.start_ms >= :from', { from: filter.fromMs });
    if (filter.toMs !== undefined) qb.andWhere('a.start_ms <= :to', { to: filter.toMs });
    const rows = await qb.getMany();
    const zones = await this.zones.zonesOf(rows.map((a) => a.regionCode));
    return rows.map((a) => alertView(a, zones.get(a.regionCode) ?? FALLBACK_ZONE));
  }
}
