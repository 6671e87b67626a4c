import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { SqliteReaders } from '../database/sqlite-readers.js';
import { AppConfig } from '../config/app-config.js';
import type { Role } from '../common/principal.js';
import { PUBLIC_KEY, ROLES_KEY } from '../common/decorators.js';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import { ADMIN_TOKEN_USER_ID, type Principal } from '../common/principal.js';
import { hashToken, sameHash } from './tokens.js';
import { SessionsService } from './sessions.service.js';

/**
 * Authentication and the role check, for every route: a bearer token (systems), else the session
 * cookie of a person signed in to the web app (see SessionsService, which also applies the CSRF
 * check to cookie requests); a request with an Authorization header is judged by it alone. Tokens
 * and session secrets are looked up by their SHA-256 digest, so no secret is ever compared byte by
 * byte; revocation takes effect on the next request because nothing is cached.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly adminTokenHash: string | null;
  private readonly userSql: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly readers: SqliteReaders,
    private readonly sessions: SessionsService,
    dataSource: DataSource,
    config: AppConfig,
  ) {
    this.adminTokenHash = config.adminToken ? hashToken(config.adminToken) : null;
    const p = dataSource.options.type === 'postgres' ? '$1' : '?';
    this.userSql = `SELECT id, role, region_codes, insurer_uzovi, nurse_id, provider_agb FROM users WHERE token_hash = ${p} AND revoked_at IS NULL`;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: unknown = request.headers?.authorization;
    if (header === undefined && this.sessions.secretOf(request)) {
      const signedIn = await this.sessions.authenticate(request);
      if (!signedIn) throw new UnauthenticatedError('session-ended', 'the session has ended or expired; sign in again');
      request.principal = signedIn.principal;
      request.signInSession = signedIn.session;
      this.checkRole(targets, signedIn.principal);
      return true;
    }
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/.exec(header.trim()) : null;
    if (!match) throw new UnauthenticatedError('authentication-required', 'a bearer token or a session is required');
    const digest = hashToken(match[1]);
    let principal: Principal | null = null;
    if (this.adminTokenHash && sameHash(digest, this.adminTokenHash)) {
      principal = { userId: ADMIN_TOKEN_USER_ID, role: 'admin', regionCodes: [], insurerUzovi: null, nurseId: null, providerAgb: null };
    } else {
      // Looked up on every request (no cache, so a revocation takes effect at once), on the
      // read-only connections so that it never queues behind a write.
      const [user] = await this.readers.query<{
        id: string;
        role: Role;
        region_codes: string;
        insurer_uzovi: string | null;
        nurse_id: string | null;
        provider_agb: string | null;
      }>(this.userSql, [digest]);
      if (user) {
        principal = {
          userId: user.id,
          role: user.role,
          regionCodes: JSON.parse(user.region_codes),
          insurerUzovi: user.insurer_uzovi,
          nurseId: user.nurse_id,
          providerAgb: user.provider_agb,
        };
      }
    }
    if (!principal) throw new UnauthenticatedError('invalid-token', 'unknown or revoked token');
    request.principal = principal;
    this.checkRole(targets, principal);
    return true;
  }

  private checkRole(targets: Parameters<Reflector['getAllAndOverride']>[1], principal: Principal) {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && principal.role !== 'admin' && !roles.includes(principal.role)) {
      throw new ForbiddenError(`the ${principal.role} role may not do this`);
    }
  }
}
