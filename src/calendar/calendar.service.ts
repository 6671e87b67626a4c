import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import ical from 'ical-generator';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Principal } from '../common/principal.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError, NotFoundError } from '../common/errors.js';
import { Locks } from '../database/locks.js';
import { Transactions } from '../database/transactions.js';
import type { AssignmentEntity } from '../assignments/assignment.entity.js';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import { functionNameNl } from '../common/function-names.js';
import { phoneForPeople } from '../common/phone.js';
import { NursesService } from '../nurses/nurses.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { RevocationHooks } from '../identity/revocation-hooks.js';
import { UsersService } from '../identity/users.service.js';
import { CalendarFeedEntity } from './calendar-feed.entity.js';
import type { CalendarFeedResponse } from './calendar-feed.response.js';

const FEED_HISTORY_MS = 90 * 24 * 3_600_000;
const SECRET_RE = /^[A-Za-z0-9_-]{43}$/;

/** The nurse's private calendar feed: a capability URL, separate from API tokens, rotatable. */
@Injectable()
export class CalendarService implements OnModuleInit {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @InjectRepository(CalendarFeedEntity) private readonly feeds: Repository<CalendarFeedEntity>,
    private readonly revocations: RevocationHooks,
    private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsRepository,
    private readonly nurses: NursesService,
    private readonly reference: ReferenceService,
    private readonly users: UsersService,
  ) {}

  private url(secret: string): CalendarFeedResponse {
    return { url: `/api/calendar/${secret}.ics` };
  }

  async myFeed(who: Principal): Promise<CalendarFeedResponse> {
    const nurseId = who.nurseId as string;
    const existing = await this.feeds.findOneBy({ nurseId });
    if (existing) return this.url(existing.secret);
    return this.create(who);
  }

  /**
   * The first feed of a nurse. Simultaneous first calls all answer with the one feed: an insert
   * that meets a row another call has just written (nurse_id is the key) yields to it.
   */
  private create(who: Principal) {
    const nurseId = who.nurseId as string;
    return this.tx.run(
      async (m) => {
        await this.refuseRevoked(m, who);
        const secret = randomBytes(32).toString('base64url');
        await m.createQueryBuilder().insert().into(CalendarFeedEntity).values({ nurseId, secret, createdAt: this.clock.now() }).orIgnore().execute();
        const feed = await m.findOneByOrFail(CalendarFeedEntity, { nurseId });
        // The secret itself is never written to the audit log.
        if (feed.secret === secret) await this.audit.append(m, who, 'create', 'calendar-feed', nurseId, 'calendar feed secret created');
        return this.url(feed.secret);
      },
      [Locks.nurseFeed(nurseId)],
    );
  }

  /**
   * A user revoked while its request was on the way gets no feed: revoking takes the same lock
   * and ends the feed, so a feed created after it would outlive the revocation.
   */
  private async refuseRevoked(m: EntityManager, who: Principal): Promise<void> {
    const user = await this.users.byId(who.userId, m);
    if (!user || user.revokedAt !== null) throw new NotFoundError('no calendar feed for a revoked user');
  }

  rotate(who: Principal) {
    const nurseId = who.nurseId as string;
    return this.tx.run(
      async (m) => {
        await this.refuseRevoked(m, who);
        const secret = randomBytes(32).toString('base64url');
        const existing = await m.findOneBy(CalendarFeedEntity, { nurseId });
        if (existing) await m.update(CalendarFeedEntity, { nurseId }, { secret, createdAt: this.clock.now() });
        else await m.insert(CalendarFeedEntity, { nurseId, secret, createdAt: this.clock.now() });
        await this.audit.append(m, who, 'rotate', 'calendar-feed', nurseId, 'calendar feed secret rotated');
        return this.url(secret);
      },
      [Locks.nurseFeed(nurseId)],
    );
  }

  /**
   * Revoking a nurse's user ends the nurse's feed inside the revoking transaction: its URL answers
   * 404 from then on, also for a user given to the nurse later, whose first GET /api/me/calendar
   * creates a fresh secret. The revoked holder may have kept the URL, so it never comes back.
   */
  onModuleInit(): void {
    this.revocations.register({
      locks: (user) => (user.role === 'nurse' && user.nurseId ? [Locks.nurseFeed(user.nurseId)] : []),
      run: async (m, who, user) => {
        if (user.role === 'nurse' && user.nurseId) await this.endFeedOf(m, who, user.nurseId);
      },
    });
  }

  async endFeedOf(m: EntityManager, who: Principal, nurseId: string): Promise<void> {
    const { affected } = await m.delete(CalendarFeedEntity, { nurseId });
    if (affected) await this.audit.append(m, who, 'end', 'calendar-feed', nurseId, 'calendar feed ended: a user of the nurse was revoked');
  }

  /** The other nurses on each slot, by name. */
  private async colleaguesOn(slotIds: string[], nurseId: string): Promise<Map<string, string[]>> {
    const m = this.dataSource.manager;
    const others = await this.assignments.othersOnSlots(m, slotIds, nurseId);
    const names = await this.nurses.namesOf(
      others.map((a) => a.nurseId),
      m,
    );
    const bySlot = new Map<string, string[]>();
    for (const a of others) bySlot.set(a.slotId, [...(bySlot.get(a.slotId) ?? []), names.get(a.nurseId) ?? '']);
    for (const list of bySlot.values()) list.sort((x, y) => x.localeCompare(y, 'nl'));
    return bySlot;
  }

  async feed(file: string): Promise<string> {
    if (!file.endsWith('.ics')) throw new NotFoundError('calendar not found');
    const secret = file.slice(0, -4);
    if (!SECRET_RE.test(secret)) throw new NotFoundError('calendar not found');
    const feed = await this.feeds.findOneBy({ secret });
    // Only while the nurse has a user that is not revoked (also for feeds that outlived a
    // revocation made before revoking ended feeds, or raced with it).
    if (!feed || !(await this.users.activeUserOfNurse(feed.nurseId))) {
      throw new NotFoundError('calendar not found');
    }
    const now = this.clock.now();
    const rows = await this.assignments.activeOfNurseEndingAfter(this.dataSource.manager, feed.nurseId, now - FEED_HISTORY_MS);
    const regions = new Map((await this.reference.regionsByCode([...new Set(rows.map((a) => a.regionCode))])).map((r) => [r.code, r]));
    const colleagues = await this.colleaguesOn(
      rows.map((a) => a.slotId),
      feed.nurseId,
    );
    const calendar = ical({ name: 'Wijkwacht diensten', prodId: { company: 'Wijkwacht', product: 'roster', language: 'NL' }, ttl: 60 * 60 });
    for (const a of rows) {
      calendar.createEvent({
        id: `${a.id}@wijkwacht`,
        start: new Date(a.startMs),
        end: new Date(a.endMs),
        stamp: new Date(a.updatedAt),
        lastModified: new Date(a.updatedAt),
        sequence: a.sequence,
        // The names the app shows: "Ongeplande nachtzorg · Amsterdam-Amstelland".
        summary: `${functionNameNl(a.function)} · ${regions.get(a.regionCode)?.name ?? a.regionCode}`,
        description: dutyDescription(a, colleagues.get(a.slotId) ?? [], regions.get(a.regionCode)?.coordinatorPhone ?? null),
      });
    }
    return calendar.toString();
  }
}

/** What a nurse reads under a duty in the calendar: the kind of duty, who else is on it, whom to call. */
export function dutyDescription(
  a: Pick<AssignmentEntity, 'dutyType' | 'regionCode' | 'function'>,
  colleagues: string[],
  coordinatorPhone: string | null,
): string {
  return [
    a.dutyType === 'on-call' ? 'Bereikbaarheidsdienst (vanuit huis).' : 'Dienst op locatie.',
    colleagues.length ? `Ook ingepland: ${colleagues.join(', ')}.` : 'Geen collega’s ingepland op deze dienst.',
    ...(coordinatorPhone ? [`Coördinator: ${phoneForPeople(coordinatorPhone)}`] : []),
    `Regio ${a.regionCode}, functie ${a.function}.`,
  ].join('\n');
}

/** The /api/me endpoints belong to a nurse record; an admin token has none. */
export function assertNurse(who: Principal): void {
  if (who.role !== 'nurse' || !who.nurseId) throw new ForbiddenError('only a nurse has its own shifts and calendar');
}
