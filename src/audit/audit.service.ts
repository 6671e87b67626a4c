import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Clock } from '../common/clock.js';
import { v7 as timeOrderedId } from 'uuid';
import { type Principal, actingFor } from '../auth/principal.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { formatInstant, parseInstant } from '../common/local-time.js';
import { BadInputError } from '../common/errors.js';

const ZONE = 'Europe/Amsterdam';

@Injectable()
export class AuditService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
  ) {}

  /** Appends one event inside the caller's transaction, so it commits or rolls back with the change. */
  async append(
    manager: EntityManager,
    who: Principal,
    action: string,
    entityType: string,
    entityId: string,
    summary: string,
  ): Promise<void> {
    await manager.insert(AuditEventEntity, {
      // Time-ordered ids keep events of the same millisecond in the order they were written.
      id: timeOrderedId(),
      at: this.clock.now(),
      userId: who.userId,
      actingFor: actingFor(who),
      action,
      entityType,
      entityId,
      summary: summary.slice(0, 1000),
    });
  }

  async list(filter: { entityType?: string; entityId?: string; from?: string; to?: string }) {
    const qb = this.events.createQueryBuilder('e').orderBy('e.at', 'ASC').addOrderBy('e.id', 'ASC').limit(10_000);
    if (filter.entityType) qb.andWhere('e.entity_type = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entity_id = :i', { i: filter.entityId });
    for (const [key, op] of [['from', '>='], ['to', '<=']] as const) {
      if (filter[key] === undefined) continue;
      const ms = parseInstant(filter[key]);
      if (ms === null) throw new BadInputError(`${key} must be an instant with an offset`);
      qb.andWhere(`e.at ${op} :${key}`, { [key]: ms });
    }
    const rows = await qb.getMany();
    return rows.map((e) => ({
      id: e.id,
      at: formatInstant(e.at, ZONE),
      userId: e.userId,
      actingFor: e.actingFor,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      summary: e.summary,
    }));
  }
}
