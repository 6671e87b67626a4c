import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource, type EntityManager, In, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { inChunks, parameterMarker } from '../database/dialect.js';
import { ForbiddenError, NotFoundError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { formatInstant } from '../common/local-time.js';
import type { Principal, Role } from '../common/principal.js';
import { SqliteReaders } from '../database/sqlite-readers.js';
import { Transactions } from '../database/transactions.js';
import { AppConfig } from '../config/app-config.js';
import { type AccessEnd, type AccessEndReason, AccessEnds } from './access-ends.js';
import { RevocationHooks, SessionEndHooks } from './revocation-hooks.js';
import { SessionEntity, type SessionKind } from './session.entity.js';
import { hashToken, newToken, sealWith, unsealWith } from './tokens.js';
import type { UserEntity } from './user.entity.js';
import type { SessionResponse } from './session.response.js';

export const SESSION_COOKIE = 'wijkwacht_session';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A session signed in through an identity provider ends after 12 h without use, and 30 days after sign-in. */
export const IDLE_LIMIT_MS = 12 * HOUR;
export const OIDC_SESSION_MS = 30 * DAY;
/** A remembered phone ("dit toestel onthouden"): 90 days after sign-in, with no idle limit. */
export const DEVICE_SESSION_MS = 90 * DAY;
/** Use is recorded at most once a minute per session, so that reading does not become writing. */
const TOUCH_EVERY_MS = 60_000;
const ZONE = 'Europe/Amsterdam';

/** The session a request was authenticated by (set by the guard next to the principal). */
export interface RequestSession {
  id: string;
  csrfToken: string;
}

/** What a session signed in through an identity provider keeps for signing out there too. */
export interface ProviderSignOut {
  /** The provider's name in OIDC_PROVIDERS. */
  provider: string;
  idToken: string;
}

/** Something that holds access open beyond one request: a user, through one session or a token (sessionId null). */
export interface AccessHolder {
  userId: string;
  sessionId: string | null;
}

interface SessionRow {
  id: string;
  kind: SessionKind;
  last_used_at: number | string;
  expires_at: number | string;
  user_id: string;
  role: Role;
  region_codes: string;
  insurer_uzovi: string | null;
  nurse_id: string | null;
  provider_agb: string | null;
}

/** The moment a session ends if nobody uses it again. */
export function sessionEnd(s: { kind: SessionKind; lastUsedAt: number; expiresAt: number }): number {
  return s.kind === 'oidc' ? Math.min(s.lastUsedAt + IDLE_LIMIT_MS, s.expiresAt) : s.expiresAt;
}

export function principalOf(user: Pick<UserEntity, 'id' | 'role' | 'regionCodes' | 'insurerUzovi' | 'nurseId' | 'providerAgb'>): Principal {
  return {
    userId: user.id,
    role: user.role,
    regionCodes: user.regionCodes,
    insurerUzovi: user.insurerUzovi,
    nurseId: user.nurseId,
    providerAgb: user.providerAgb,
  };
}

/** The header a browser sends, cut to 200 printable characters (it is shown to the person, never trusted). */
function userAgentOf(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const clean = header.replace(/[^\x20-\x7e]/g, '').slice(0, 200);
  return clean || null;
}

interface CookieRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Server-side sessions of people signed in to the web app. The cookie holds 32 random bytes; the
 * table holds their SHA-256 only, so a copy of the database signs nobody in. The CSRF token is an
 * HMAC of the cookie's secret: the web app reads it from GET /api/me and sends it back in
 * X-CSRF-Token, which a page on another origin cannot do.
 */
function sessionView(s: SessionEntity, current: boolean): SessionResponse {
  return {
    id: s.id,
    kind: s.kind,
    createdAt: formatInstant(s.createdAt, ZONE),
    lastUsedAt: formatInstant(s.lastUsedAt, ZONE),
    expiresAt: formatInstant(sessionEnd(s), ZONE),
    userAgent: s.userAgent,
    current,
  };
}

@Injectable()
export class SessionsService implements OnModuleInit {
  private readonly lookupSql: string;
  private readonly touchSql: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly readers: SqliteReaders,
    private readonly config: AppConfig,
    private readonly revocations: RevocationHooks,
    private readonly accessEnds: AccessEnds,
    private readonly sessionEnds: SessionEndHooks,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {
    const p = (n: number) => (dataSource.options.type === 'postgres' ? `$${n}` : '?');
    this.lookupSql = `SELECT s.id, s.kind, s.last_used_at, s.expires_at, u.id AS user_id, u.role, u.region_codes, u.insurer_uzovi, u.nurse_id, u.provider_agb
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.secret_hash = ${p(1)} AND s.ended_at IS NULL AND u.revoked_at IS NULL`;
    this.touchSql = `UPDATE sessions SET last_used_at = ${p(1)} WHERE id = ${p(2)} AND ended_at IS NULL`;
  }

  onModuleInit() {
    // Revoking a user ends its sessions in the same transaction.
    this.revocations.register({ locks: () => [], run: (m, who, user) => this.endAllOf(m, who, user) });
  }

  /**
   * Starts a session for a user inside the caller's transaction; returns the Set-Cookie value. A
   * session signed in through an identity provider keeps the provider's name and its ID token,
   * sealed under the cookie's secret, for signing out at the provider too.
   */
  async start(
    m: EntityManager,
    user: UserEntity,
    kind: SessionKind,
    userAgentHeader: unknown,
    how: string,
    through: ProviderSignOut | null = null,
  ): Promise<string> {
    const secret = newToken();
    const now = this.clock.now();
    const session = Object.assign(new SessionEntity(), {
      id: newId(),
      userId: user.id,
      kind,
      secretHash: hashToken(secret),
      userAgent: userAgentOf(userAgentHeader),
      createdAt: now,
      lastUsedAt: now,
      expiresAt: now + (kind === 'device' ? DEVICE_SESSION_MS : OIDC_SESSION_MS),
      endedAt: null,
      provider: through?.provider ?? null,
      idTokenSealed: through ? sealWith(secret, through.idToken) : null,
    });
    // The user's ended and expired sessions go (the audit log keeps their story), so the table
    // stays as small as the number of live sessions.
    const gone = await m
      .createQueryBuilder(SessionEntity, 's')
      .select('s.id', 'id')
      .where('s.user_id = :userId AND (s.ended_at IS NOT NULL OR s.expires_at <= :now)', { userId: user.id, now })
      .getRawMany<{ id: string }>();
    if (gone.length) {
      await this.sessionEnds.run(
        m,
        principalOf(user),
        gone.map((g) => g.id),
      );
      await m.delete(
        SessionEntity,
        gone.map((g) => g.id),
      );
    }
    await m.insert(SessionEntity, session);
    await this.audit.append(m, principalOf(user), 'sign-in', 'session', session.id, `${user.role} "${user.name}" signed in: ${kind} session (${how})`);
    return this.cookie(secret, session.expiresAt - now);
  }

  /** Set-Cookie for a session secret; an empty secret with max age 0 clears the cookie. */
  cookie(secret: string, maxAgeMs: number): string {
    return serializeCookie(SESSION_COOKIE, secret, {
      httpOnly: true,
      secure: this.config.secureCookies,
      sameSite: 'lax',
      path: '/',
      maxAge: Math.floor(maxAgeMs / 1000),
    });
  }

  clearingCookie(): string {
    return this.cookie('', 0);
  }

  csrfTokenFor(secret: string): string {
    return createHmac('sha256', secret).update('wijkwacht csrf').digest('base64url');
  }

  /** The session cookie's secret, if the request carries one. */
  secretOf(request: CookieRequest): string | null {
    const header = request.headers.cookie;
    if (typeof header !== 'string') return null;
    const secret = parseCookies(header)[SESSION_COOKIE];
    return secret && /^[A-Za-z0-9_-]{43}$/.test(secret) ? secret : null;
  }

  /**
   * The principal of a request signed in by cookie, or null when there is no live session (none,
   * unknown, ended, expired, or its user revoked). A state-changing request (not GET or HEAD)
   * must come from this service's own origin and carry the CSRF token, else 403.
   */
  async authenticate(request: CookieRequest): Promise<{ principal: Principal; session: RequestSession } | null> {
    const secret = this.secretOf(request);
    if (!secret) return null;
    const [row] = await this.readers.query<SessionRow>(this.lookupSql, [hashToken(secret)]);
    if (!row) return null;
    const now = this.clock.now();
    const lastUsedAt = Number(row.last_used_at);
    if (now >= sessionEnd({ kind: row.kind, lastUsedAt, expiresAt: Number(row.expires_at) })) return null;
    const csrfToken = this.csrfTokenFor(secret);
    if (request.method !== 'GET' && request.method !== 'HEAD') this.checkCsrf(request, csrfToken);
    if (now - lastUsedAt >= TOUCH_EVERY_MS) await this.tx.run((m) => m.query(this.touchSql, [now, row.id]));
    return {
      principal: {
        userId: row.user_id,
        role: row.role,
        regionCodes: JSON.parse(row.region_codes),
        insurerUzovi: row.insurer_uzovi,
        nurseId: row.nurse_id,
        providerAgb: row.provider_agb,
      },
      session: { id: row.id, csrfToken },
    };
  }

  private checkCsrf(request: CookieRequest, csrfToken: string) {
    const origin = request.headers.origin;
    if (origin !== this.config.publicUrl.origin) {
      throw new ForbiddenError('a request signed in by cookie must come from this service’s own origin (Origin header)', 'origin-not-allowed');
    }
    const sent = request.headers['x-csrf-token'];
    const given = Buffer.from(typeof sent === 'string' ? sent : '');
    const expected = Buffer.from(csrfToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ForbiddenError('a request signed in by cookie needs the X-CSRF-Token header (csrfToken of GET /api/me)', 'csrf-token-invalid');
    }
  }

  /** The caller's live sessions, newest first. */
  async listOwn(who: Principal, current: RequestSession | undefined): Promise<SessionResponse[]> {
    const now = this.clock.now();
    const rows = await this.sessions.find({ where: { userId: who.userId, endedAt: IsNull() }, order: { createdAt: 'DESC' } });
    return rows.filter((s) => sessionEnd(s) > now).map((s) => sessionView(s, s.id === current?.id));
  }

  /** Ends one of the caller's own sessions (someone else's answers 404). */
  endOwn(who: Principal, id: string) {
    return this.end(who, id, (s) => s.userId === who.userId, 'ended by its user');
  }

  /** An admin ends anyone's session. */
  endAny(who: Principal, id: string) {
    return this.end(who, id, () => true, 'ended by an administrator');
  }

  /**
   * Signing out: ends the session the request came with. Answers what its identity provider needs
   * to end the person's session there too (the provider's name and the ID token, opened with the
   * cookie's secret), or null for a session that did not sign in through one.
   */
  async signOut(who: Principal, session: RequestSession, secret: string): Promise<ProviderSignOut | null> {
    const ended = await this.end(who, session.id, (s) => s.userId === who.userId, 'signed out');
    if (!ended.provider || !ended.idTokenSealed) return null;
    const idToken = unsealWith(secret, ended.idTokenSealed);
    return idToken ? { provider: ended.provider, idToken } : null;
  }

  private async end(who: Principal, id: string, mayEnd: (s: SessionEntity) => boolean, how: string): Promise<SessionEntity> {
    const ended = await this.tx.run(async (m) => {
      const session = await m.findOneBy(SessionEntity, { id });
      const now = this.clock.now();
      if (!session || !mayEnd(session) || session.endedAt !== null || sessionEnd(session) <= now) throw new NotFoundError(`session ${id} not found`);
      // The sealed ID token is of no use once the session has ended.
      await m.update(SessionEntity, { id }, { endedAt: now, idTokenSealed: null });
      await this.audit.append(m, who, how === 'signed out' ? 'sign-out' : 'end', 'session', id, `${session.kind} session ${how}`);
      await this.sessionEnds.run(m, who, [id]);
      await this.accessEnds.announce(m, [{ userId: session.userId, sessionId: id, reason: 'session-ended' }]);
      return session;
    });
    this.accessEnds.publish([{ userId: ended.userId, sessionId: id, reason: 'session-ended' }]);
    return ended;
  }

  /**
   * Inside the caller's transaction: ends the user's live sessions that signed in through the
   * provider (its link was removed), one audit event each. Returns the ends, which the caller
   * publishes after its commit (they are announced here).
   */
  async endThroughProvider(m: EntityManager, who: Principal, userId: string, provider: string, how: string): Promise<AccessEnd[]> {
    const live = await m.find(SessionEntity, { where: { userId, provider, endedAt: IsNull() }, select: { id: true, kind: true } });
    if (!live.length) return [];
    await m.update(SessionEntity, { id: In(live.map((s) => s.id)) }, { endedAt: this.clock.now(), idTokenSealed: null });
    await this.audit.appendMany(
      m,
      who,
      'end',
      'session',
      live.map((s) => ({ entityId: s.id, summary: `${s.kind} session ended: ${how}` })),
    );
    await this.sessionEnds.run(
      m,
      who,
      live.map((s) => s.id),
    );
    const ends = live.map((s) => ({ userId, sessionId: s.id, reason: 'session-ended' as const }));
    await this.accessEnds.announce(m, ends);
    return ends;
  }

  /**
   * Of those holding access open (a page stream), why each one's access has ended by now, or null
   * while it lasts: its user revoked, or its session ended or expired. The environment's admin
   * token is no stored user and never ends this way.
   */
  async endedAccess(holders: AccessHolder[], m?: EntityManager): Promise<Array<AccessEndReason | null>> {
    if (!holders.length) return [];
    // Inside a transaction its manager reads; outside, the read connections.
    const read = <T>(sql: string, params: unknown[]): Promise<T[]> => (m ? m.query(sql, params) : this.readers.query<T>(sql, params));
    const userIds = [...new Set(holders.map((h) => h.userId))];
    const sessionIds = [...new Set(holders.map((h) => h.sessionId).filter((id): id is string => id !== null))];
    const marker = parameterMarker(this.dataSource);
    const list = (n: number) => Array.from({ length: n }, (_, i) => marker(i + 1)).join(', ');
    const revoked = new Set(
      await inChunks(userIds, async (chunk) =>
        (await read<{ id: string }>(`SELECT id FROM users WHERE revoked_at IS NOT NULL AND id IN (${list(chunk.length)})`, chunk)).map((r) => r.id),
      ),
    );
    const now = this.clock.now();
    const liveSessions = new Set(
      await inChunks(sessionIds, async (chunk) =>
        (
          await read<{ id: string; kind: SessionKind; last_used_at: number | string; expires_at: number | string }>(
            `SELECT id, kind, last_used_at, expires_at FROM sessions WHERE ended_at IS NULL AND id IN (${list(chunk.length)})`,
            chunk,
          )
        )
          .filter((row) => now < sessionEnd({ kind: row.kind, lastUsedAt: Number(row.last_used_at), expiresAt: Number(row.expires_at) }))
          .map((row) => row.id),
      ),
    );
    return holders.map((h) => (revoked.has(h.userId) ? 'user-revoked' : h.sessionId !== null && !liveSessions.has(h.sessionId) ? 'session-ended' : null));
  }

  /** Revocation: every live session of the user ends, one audit event each. */
  private async endAllOf(m: EntityManager, who: Principal, user: UserEntity) {
    const live = await m.find(SessionEntity, { where: { userId: user.id, endedAt: IsNull() }, select: { id: true, kind: true } });
    if (!live.length) return;
    await m.update(SessionEntity, { userId: user.id, endedAt: IsNull() }, { endedAt: this.clock.now() });
    await this.audit.appendMany(
      m,
      who,
      'end',
      'session',
      live.map((s) => ({ entityId: s.id, summary: `${s.kind} session ended: user revoked` })),
    );
  }
}
