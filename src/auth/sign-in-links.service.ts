import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UserEntity } from '../identity/user.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { formatInstant } from '../common/local-time.js';
import type { Principal } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { AppConfig } from '../config/app-config.js';
import { SessionsService } from '../identity/sessions.service.js';
import { hashToken, newToken } from '../identity/tokens.js';
import { UsersService } from '../identity/users.service.js';
import { NursesService } from '../nurses/nurses.service.js';
import { REFUSALS } from './sign-in-pages.js';
import { SignInLinkEntity } from './sign-in-link.entity.js';
import type { SignInLinkResponse } from './sign-in.response.js';

export const LINK_VALID_MS = 15 * 60_000;
const ZONE = 'Europe/Amsterdam';

/**
 * One-time sign-in links for a phone without an identity provider: valid 15 minutes, usable once,
 * and only the SHA-256 of the secret is kept. Opening one starts a device session (90 days).
 */
@Injectable()
export class SignInLinksService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly nurses: NursesService,
    private readonly users: UsersService,
  ) {}

  /** An admin for any user; a coordinator for a nurse user whose nurse is in its scope (else 404). */
  async create(who: Principal, userId: string): Promise<SignInLinkResponse> {
    const target = await this.users.byId(userId);
    const inScope =
      target !== null &&
      target.revokedAt === null &&
      (who.role === 'admin' ||
        (who.role === 'coordinator' && target.role === 'nurse' && target.nurseId !== null && (await this.nurses.isVisibleTo(who, target.nurseId))));
    if (!target || !inScope) throw new NotFoundError(`user ${userId} not found`);
    return this.tx.run(async (m) => {
      const user = await this.users.byId(userId, m);
      if (!user || user.revokedAt !== null) throw new NotFoundError(`user ${userId} not found`);
      return this.issue(m, who, user, '');
    });
  }

  /** Inside the caller's transaction: a new one-time link for the (live) user, audited without its secret. */
  async issue(m: EntityManager, who: Principal, user: UserEntity, how: string): Promise<SignInLinkResponse> {
    const secret = newToken();
    const now = this.clock.now();
    const link = Object.assign(new SignInLinkEntity(), {
      id: newId(),
      userId: user.id,
      secretHash: hashToken(secret),
      createdBy: who.userId,
      createdAt: now,
      expiresAt: now + LINK_VALID_MS,
      usedAt: null,
    });
    await m.insert(SignInLinkEntity, link);
    await this.audit.append(
      m,
      who,
      'create',
      'sign-in-link',
      link.id,
      `one-time sign-in link for ${user.role} "${user.name}", valid 15 minutes${how} (secret not logged)`,
    );
    return { url: new URL(`/auth/link/${secret}`, this.config.publicUrl).href, expiresAt: formatInstant(link.expiresAt, ZONE) };
  }

  /**
   * A link for a nurse's own (active) user, addressed by the nurse: an admin for any nurse, a
   * coordinator for a nurse in its scope (else 404). A nurse without an active user account → 404.
   */
  async createForNurse(who: Principal, nurseId: string): Promise<SignInLinkResponse> {
    await this.nurses.findInScope(who, nurseId);
    const user = await this.users.activeUserOfNurse(nurseId);
    if (!user) throw new NotFoundError(`nurse ${nurseId} has no user account`);
    return this.create(who, user.id);
  }

  /** Spends a link and starts a device session: returns its Set-Cookie. Unknown → 404 page; used, expired or revoked → 410 page. */
  redeem(secret: string, userAgent: unknown): Promise<string> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return Promise.reject(REFUSALS.unknownLink());
    return this.tx.run(async (m) => {
      const link = await m.findOneBy(SignInLinkEntity, { secretHash: hashToken(secret) });
      if (!link) throw REFUSALS.unknownLink();
      const now = this.clock.now();
      const user = await this.users.byId(link.userId, m);
      if (link.usedAt !== null || now >= link.expiresAt || !user || user.revokedAt !== null) throw REFUSALS.spentLink();
      // Conditional, so that two phones opening the same link at once cannot both get in.
      const spent = await m.createQueryBuilder().update(SignInLinkEntity).set({ usedAt: now }).where('id = :id AND used_at IS NULL', { id: link.id }).execute();
      if (spent.affected !== 1) throw REFUSALS.spentLink();
      return this.sessions.start(m, user, 'device', userAgent, 'one-time link');
    });
  }
}
