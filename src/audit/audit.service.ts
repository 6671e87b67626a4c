import { Injectable } from '@nestjs/common';
import { inChunks } from '../database/dialect.js';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Clock } from '../common/clock.js';
import { v7 as timeOrderedId } from 'uuid';
import { type Principal, actingFor } from '../common/principal.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { formatInstant, parseInstant } from '../common/local-time.js';
import { BadInputError } from '../common/errors.js';
import { AuditEventResponse } from './audit-event.response.js';
import { AUDIT_PAGE_DEFAULT } from './dto/list-audit-events.dto.js';

const ZONE = 'Europe/Amsterdam';

/** 8 columns a row: 100 rows keep a statement far below both drivers' parameter limits. */
const AUDIT_ROWS_PER_INSERT = 100;

@Injectable()
export class AuditService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
  ) {}

  /** Appends one event inside the caller's transaction, so it commits or rolls back with the change. */
  async append(manager: EntityManager, who: Principal, action: string, entityType: string, entityId: string, summary: string): Promise<void> {
    await this.appendMany(manager, who, action, entityType, [{ entityId, summary }]);
  }

  /** One event per record of a cascade (e.g. every assignment a termination cancels), in one statement per chunk. */
  async appendMany(
    manager: EntityManager,
    who: Principal,
    action: string,
    entityType: string,
    records: Array<{ entityId: string; summary: string }>,
  ): Promise<void> {
    const at = this.clock.now();
    // Time-ordered ids keep events of the same millisecond in the order they were written.
    const events = records.map(({ entityId, summary }) => ({
      id: timeOrderedId(),
      at,
      userId: who.userId,
      actingFor: actingFor(who),
      action,
      entityType,
      entityId,
      summary: summary.slice(0, 1000),
    }));
    await inChunks(events, async (chunk) => [await manager.insert(AuditEventEntity, chunk)], AUDIT_ROWS_PER_INSERT);
  }

  /**
   * One page of events, newest first. The order (at, id) is total — ids are time-ordered and
   * unique — so the cursor (the last event's at and id) continues exactly where the page ended.
   */
  async list(filter: { entityType?: string; entityId?: string; from?: string; to?: string; limit?: number; cursor?: string }) {
    const limit = filter.limit ?? AUDIT_PAGE_DEFAULT;
    const qb = this.events
      .createQueryBuilder('e')
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1);
    if (filter.entityType) qb.andWhere('e.entity_type = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entity_id = :i', { i: filter.entityId });
    for (const [key, op] of [
      ['from', '>='],
      ['to', '<='],
    ] as const) {
      if (filter[key] === undefined) continue;
      const ms = parseInstant(filter[key]);
      if (ms === null) throw new BadInputError(`${key} must be an instant with an offset`);
      qb.andWhere(`e.at ${op} :${key}`, { [key]: ms });
    }
    if (filter.cursor !== undefined) {
      const after = decodeCursor(filter.cursor);
      qb.andWhere('(e.at < :cursorAt OR (e.at = :cursorAt AND e.id < :cursorId))', { cursorAt: after.at, cursorId: after.id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      events: page.map(auditEventView),
      nextCursor: rows.length > limit ? encodeCursor(last) : null,
    };
  }
}

function auditEventView(e: AuditEventEntity): AuditEventResponse {
  return {
    id: e.id,
    at: formatInstant(e.at, ZONE),
    userId: e.userId,
    actingFor: e.actingFor,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    summary: e.summary,
  };
}

function encodeCursor(e: { at: number; id: string }): string {
  return Buffer.from(`${e.at}.${e.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: number; id: string } {
  const match = /^(-?\d{1,16})\.([\x21-\x7e]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !Number.isSafeInteger(Number(match[1]))) throw new BadInputError('cursor is not valid; use the one from the previous page');
  return { at: Number(match[1]), id: match[2] };
}
