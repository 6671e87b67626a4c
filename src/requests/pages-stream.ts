import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type AccessEnd, type AccessEndReason, AccessEnds } from '../identity/access-ends.js';
import { SessionsService } from '../identity/sessions.service.js';
import { RequestPageEntity } from './request.entities.js';

/** One open event stream: whose pages it wants, where to send them, and how to end it. */
export interface PageListener {
  nurseId: string | null;
  userId: string;
  /** The session the stream was opened with; null for a bearer token. */
  sessionId: string | null;
  send(page: RequestPageEntity): void;
  /** The caller's access ended (its user revoked, its session ended or expired): the stream closes. */
  end(reason: AccessEndReason): void;
}

/** The PostgreSQL channel on which every instance announces the pages it commits. */
const CHANNEL = 'wijkwacht_pages';
/** A notification's payload must stay below PostgreSQL's 8000 bytes; pages are announced in parts. */
const PAYLOAD_BYTES = 7_000;
/** The newest pages of the listeners that one poll reads. */
const POLL_ROWS = 200;

/** The part of a pooled pg client this class uses (a dedicated connection that LISTENs). */
interface ListenClient {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', fn: (msg: { channel: string; payload?: string }) => void): void;
  on(event: 'error' | 'end', fn: (err?: Error) => void): void;
  release(destroy?: boolean | Error): void;
}
interface ListenPool {
  connect(): Promise<ListenClient>;
}

/** One announced page: its id and whose it is, so an instance fetches only its listeners' pages. */
interface Announced {
  id: string;
  nurseId: string | null;
  userId: string | null;
}

/**
 * Pages to the open event streams of this instance, and the end of a stream whose access ended.
 *
 * Pages: at once for pages this instance wrote (after their commit), and for pages another
 * instance wrote:
 * - PostgreSQL: the writer announces each page with NOTIFY in the transaction that writes it
 *   (PostgreSQL delivers it at commit, never for a rollback); every instance with open streams
 *   LISTENs on one dedicated connection and fetches the pages that are its listeners'. A slow
 *   poll of the pages table stays as the safety net for a dropped listening connection.
 * - SQLite: one instance owns the database file, so publish alone reaches every stream; the poll
 *   runs all the same.
 * Each stream gets each page once, and only pages that did not exist when it opened (the list
 * endpoint has those).
 *
 * Ends: a stream outlives no access. Revoking its user, or ending its session (sign-out, ended by
 * the person or an admin, unlinked), is announced by identity (AccessEnds): on this instance after
 * the commit, on the others by NOTIFY on a sibling channel that the same LISTEN connection hears.
 * The poll also asks identity whether each stream's user and session still hold (which is how an
 * expired session is noticed, and what catches an announcement a dropped connection missed).
 */
@Injectable()
export class PagesStream implements OnModuleInit, OnModuleDestroy {
  /** How often an instance polls the pages table while someone listens and no LISTEN connection is up (tests change it). */
  static pollMs = 1_000;
  /** The poll while the LISTEN connection is up: only a safety net (tests change it). */
  static listeningPollMs = 10_000;

  private readonly logger = new Logger('PagesStream');
  private readonly listeners = new Map<PageListener, Set<string>>();
  /** Listeners whose pages that existed when they opened are known (the poll skips the others). */
  private readonly ready = new WeakSet<PageListener>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private lastPoll = 0;
  private listenClient: ListenClient | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  /** After a failed LISTEN: when to try again, and the wait that led there (0: no failure). */
  private retryAt = 0;
  private retryMs = 0;
  /** Names this process in its announcements. */
  private readonly instance = randomUUID();

  private unsubscribeEnds: (() => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly accessEnds: AccessEnds,
    private readonly sessions: SessionsService,
  ) {}

  onModuleInit(): void {
    this.unsubscribeEnds = this.accessEnds.subscribe((ends) => this.endAccess(ends));
  }

  private get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  private get pages() {
    return this.dataSource.getRepository(RequestPageEntity);
  }

  private whereOf(listeners: PageListener[]) {
    const nurseIds = [...new Set(listeners.map((l) => l.nurseId).filter((id): id is string => !!id))];
    const userIds = [...new Set(listeners.filter((l) => !l.nurseId).map((l) => l.userId))];
    const where = [];
    if (nurseIds.length) where.push({ nurseId: In(nurseIds) });
    if (userIds.length) where.push({ userId: In(userIds) });
    return where;
  }

  /** Starts sending new pages to the listener; returns the function that stops it. */
  async subscribe(listener: PageListener): Promise<() => void> {
    const seen = new Set<string>();
    this.listeners.set(listener, seen);
    try {
      if (this.isPostgres) await this.listen();
      // What exists now counts as seen: a stream carries only what is new.
      const existing = await this.pages.find({ where: this.whereOf([listener]), select: { id: true }, order: { pagedAt: 'DESC' }, take: POLL_ROWS });
      for (const p of existing) seen.add(p.id);
      this.ready.add(listener);
    } catch (e) {
      this.listeners.delete(listener);
      if (!this.listeners.size) this.stopListening();
      throw e;
    }
    // An end announced between the guard's check and the LISTEN above would be missed: ask once.
    void this.checkAccess([listener]);
    if (!this.timer) {
      this.lastPoll = Date.now();
      this.timer = setInterval(() => void this.onTimer(), Math.min(PagesStream.pollMs, PagesStream.listeningPollMs));
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) this.stopListening();
    };
  }

  /**
   * Announces pages to the other instances, inside the transaction that writes them (PostgreSQL
   * sends the notification at commit). Nothing to do on SQLite.
   */
  async announce(m: EntityManager, pages: RequestPageEntity[]): Promise<void> {
    if (!this.isPostgres || !pages.length) return;
    let part: string[] = [];
    let bytes = 0;
    const flush = async () => {
      // The first line names the writing instance, which publishes its pages itself.
      if (part.length) await m.query('SELECT pg_notify($1, $2)', [CHANNEL, [this.instance, ...part].join('\n')]);
      part = [];
      bytes = 0;
    };
    for (const p of pages) {
      const line = `${p.id} ${p.nurseId ?? '-'} ${p.userId ?? '-'}`;
      if (bytes + line.length + 1 > PAYLOAD_BYTES) await flush();
      part.push(line);
      bytes += line.length + 1;
    }
    await flush();
  }

  /** Pages just committed by this instance. */
  publish(pages: RequestPageEntity[]): void {
    for (const page of pages) for (const [listener, seen] of this.listeners) this.deliver(listener, seen, page);
  }

  private deliver(listener: PageListener, seen: Set<string>, page: RequestPageEntity): void {
    if (!this.isFor(listener, page) || seen.has(page.id)) return;
    seen.add(page.id);
    listener.send(page);
  }

  private isFor(listener: PageListener, page: Pick<Announced, 'nurseId' | 'userId'>): boolean {
    return listener.nurseId ? page.nurseId === listener.nurseId : page.userId === listener.userId;
  }

  // ---- LISTEN (PostgreSQL) -----------------------------------------------------------------

  /** Opens the dedicated LISTEN connection if it is not up; a failure leaves the poll to do the work. */
  private listen(): Promise<void> {
    if (this.listenClient || this.closed || Date.now() < this.retryAt) return Promise.resolve();
    this.connecting ??= (async () => {
      let client: ListenClient | null = null;
      try {
        client = await (this.dataSource.driver as unknown as { master: ListenPool }).master.connect();
        const mine = client;
        mine.on('notification', (msg) => {
          if (msg.channel === CHANNEL && msg.payload) void this.onAnnounced(msg.payload);
          if (msg.channel === AccessEnds.CHANNEL && msg.payload) this.endAccess(AccessEnds.parse(msg.payload));
        });
        const drop = () => {
          if (this.listenClient !== mine) return;
          this.listenClient = null;
          mine.release(true);
        };
        mine.on('error', drop);
        mine.on('end', drop);
        await mine.query(`LISTEN ${CHANNEL}`);
        await mine.query(`LISTEN ${AccessEnds.CHANNEL}`);
        if (this.closed || !this.listeners.size) {
          // Everyone left (or the module stopped) while connecting.
          mine.release(true);
          return;
        }
        this.listenClient = mine;
        if (this.retryMs > 0) this.logger.log('listening for pages again');
        this.retryMs = 0;
        this.retryAt = 0;
      } catch (e) {
        client?.release(true);
        // Once per outage in the log; tries again after 1 s, doubling up to 30 s (the poll works meanwhile).
        if (this.retryMs === 0) this.logger.warn(`listening for pages failed, polling instead: ${e instanceof Error ? e.message : e}`);
        this.retryMs = Math.min(30_000, Math.max(1_000, this.retryMs * 2));
        this.retryAt = Date.now() + this.retryMs;
      }
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private stopListening(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const client = this.listenClient;
    this.listenClient = null;
    // Destroyed rather than returned: a pooled connection must not keep listening.
    client?.release(true);
  }

  private async onAnnounced(payload: string): Promise<void> {
    const [writer, ...lines] = payload.split('\n');
    if (writer === this.instance) return;
    const wanted: string[] = [];
    for (const line of lines) {
      const [id, nurse, user] = line.split(' ');
      if (!id) continue;
      const page = { nurseId: nurse && nurse !== '-' ? nurse : null, userId: user && user !== '-' ? user : null };
      for (const [listener, seen] of this.listeners) {
        if (this.isFor(listener, page) && !seen.has(id)) {
          wanted.push(id);
          break;
        }
      }
    }
    if (!wanted.length) return;
    try {
      const pages = await this.pages.find({ where: { id: In(wanted) }, order: { pagedAt: 'ASC' } });
      this.publish(pages);
    } catch (e) {
      // The poll finds them instead.
      this.logger.warn(`reading announced pages failed: ${e instanceof Error ? e.message : e}`);
    }
  }

  // ---- ends of access -----------------------------------------------------------------------

  /** Closes the streams whose access ended: every stream of a revoked user, the streams of an ended session. */
  private endAccess(ends: AccessEnd[]): void {
    for (const end of ends) {
      for (const listener of [...this.listeners.keys()]) {
        if (listener.userId !== end.userId || (end.sessionId !== null && end.sessionId !== listener.sessionId)) continue;
        this.close(listener, end.reason);
      }
    }
  }

  private close(listener: PageListener, reason: AccessEndReason): void {
    if (!this.listeners.delete(listener)) return;
    if (!this.listeners.size) this.stopListening();
    listener.end(reason);
  }

  /** Asks identity whether each stream's user and session still hold; closes those that do not. */
  private async checkAccess(listeners: PageListener[]): Promise<void> {
    if (!listeners.length) return;
    try {
      const reasons = await this.sessions.endedAccess(listeners);
      listeners.forEach((listener, i) => {
        const reason = reasons[i];
        if (reason) this.close(listener, reason);
      });
    } catch (e) {
      // Asked again at the next poll.
      this.logger.warn(`checking the streams' access failed: ${e instanceof Error ? e.message : e}`);
    }
  }

  // ---- poll (safety net) -------------------------------------------------------------------

  private async onTimer(): Promise<void> {
    if (this.isPostgres && !this.listenClient) void this.listen();
    const client = this.listenClient;
    const every = client ? PagesStream.listeningPollMs : PagesStream.pollMs;
    if (Date.now() - this.lastPoll < every) return;
    await this.poll();
    await this.checkAccess([...this.listeners.keys()].filter((l) => this.ready.has(l)));
    // A listening connection that a network silently dropped raises no event: ask it something.
    // A failure (the pool's client-side query timeout included) replaces it on the next tick.
    await client?.query('SELECT 1').catch(() => {
      if (this.listenClient !== client) return;
      this.listenClient = null;
      client.release(true);
    });
  }

  private async poll(): Promise<void> {
    if (this.polling || !this.listeners.size) return;
    this.polling = true;
    this.lastPoll = Date.now();
    try {
      // A listener still opening would take its old pages for new ones: the poll waits for it.
      // Pages published or announced meanwhile do reach it: those are new.
      const listeners = [...this.listeners.keys()].filter((l) => this.ready.has(l));
      if (!listeners.length) return;
      const pages = (await this.pages.find({ where: this.whereOf(listeners), order: { pagedAt: 'DESC' }, take: POLL_ROWS })).reverse();
      for (const page of pages)
        for (const listener of listeners) {
          const seen = this.listeners.get(listener);
          // Gone while the poll read: nothing more for it.
          if (seen) this.deliver(listener, seen, page);
        }
    } catch {
      // A failed poll is retried on the next tick; pages of this instance arrive by publish anyway.
    } finally {
      this.polling = false;
    }
  }

  onModuleDestroy(): void {
    this.unsubscribeEnds?.();
    this.closed = true;
    this.stopListening();
    this.listeners.clear();
  }
}
