import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { RegionEntity } from './reference.entities.js';

/**
 * A region's time zone, cached: the zone cannot change after creation (no PATCH allows it), so
 * the cache never goes stale and hot paths skip a query per request.
 */
@Injectable()
export class RegionZones {
  private readonly zones = new Map<string, string>();

  constructor(@InjectRepository(RegionEntity) private readonly regions: Repository<RegionEntity>) {}

  /** Inside a transaction pass its manager: a cold cache must not borrow a second connection. */
  async zoneOf(code: string, manager: EntityManager = this.regions.manager): Promise<string> {
    const cached = this.zones.get(code);
    if (cached) return cached;
    const region = await manager.findOne(RegionEntity, { where: { code }, select: { code: true, timezone: true } });
    if (!region) throw new NotFoundError(`region ${code} not found`);
    this.zones.set(code, region.timezone);
    return region.timezone;
  }

  /** The zones of the regions (each a known region), by code. */
  async zonesOf(codes: Iterable<string>, manager: EntityManager = this.regions.manager): Promise<Map<string, string>> {
    const zones = new Map<string, string>();
    for (const code of new Set(codes)) zones.set(code, await this.zoneOf(code, manager));
    return zones;
  }
}
