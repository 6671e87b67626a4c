import { Injectable, Logger } from '@nestjs/common';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import * as oidc from 'openid-client';
import { IsNull } from 'typeorm';
import { Transactions } from '../database/transactions.js';
import { AppConfig, type OidcProviderSettings } from '../config/app-config.js';
import { SessionsService } from '../identity/sessions.service.js';
import { UserEntity } from '../identity/user.entity.js';
import { normalEmail } from '../identity/users.service.js';
import { REFUSALS } from './sign-in-pages.js';
import { verifiedEmail } from './verified-email.js';

/** Holds one sign-in attempt's state, nonce and PKCE verifier between /auth/login and /auth/callback. */
export const ATTEMPT_COOKIE = 'wijkwacht_oidc';
const ATTEMPT_SECONDS = 600;
const SCOPE = 'openid email profile';

interface Attempt {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
}

function readAttempt(cookieHeader: unknown): Attempt | null {
  if (typeof cookieHeader !== 'string') return null;
  const raw = parseCookies(cookieHeader)[ATTEMPT_COOKIE];
  if (!raw || raw.length > 1000) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { provider, state, nonce, verifier } = value as Record<string, unknown>;
    if ([provider, state, nonce, verifier].every((v) => typeof v === 'string' && v.length > 0)) {
      return { provider, state, nonce, verifier } as Attempt;
    }
  } catch {
    // A mangled cookie is no attempt at all.
  }
  return null;
}

/**
 * Sign-in through an organisation's identity provider: the OpenID Connect authorization code
 * flow with PKCE (S256), `state` and `nonce`, by the certified `openid-client`. The attempt's
 * secrets travel in a short-lived HttpOnly cookie bound to the callback path, so the service
 * keeps no state between the redirect and the return (and a second instance can finish what the
 * first began). The library checks the state, the issuer, the ID token's signature, audience,
 * expiry and nonce, and the code verifier; the provider refuses a code used twice.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger('OidcSignIn');
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    private readonly config: AppConfig,
    private readonly tx: Transactions,
    private readonly sessions: SessionsService,
  ) {}

  providers() {
    return this.config.oidcProviders.map((p) => ({ name: p.name, label: p.label }));
  }

  redirectUri(name: string): string {
    return new URL(`/auth/callback/${name}`, this.config.publicUrl).href;
  }

  /** Where to send the browser, and the cookie that remembers the attempt. */
  async begin(name: string): Promise<{ location: string; attemptCookie: string }> {
    const settings = this.settings(name);
    const configuration = await this.configuration(settings);
    const attempt: Attempt = { provider: name, state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    const location = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(name),
      scope: SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.verifier),
      code_challenge_method: 'S256',
      state: attempt.state,
      nonce: attempt.nonce,
    });
    return { location: location.href, attemptCookie: this.attemptCookie(name, Buffer.from(JSON.stringify(attempt)).toString('base64url'), ATTEMPT_SECONDS) };
  }

  /** Clears the attempt cookie: it serves one callback only. */
  clearedAttemptCookie(name: string): string {
    return this.attemptCookie(name, '', 0);
  }

  /**
   * Verifies the provider's answer and signs the person in: returns the session's Set-Cookie.
   * Any failed check → 400, no user with the verified e-mail address → 403; nothing is written then.
   */
  async finish(name: string, callbackPathAndQuery: string, cookieHeader: unknown, userAgent: unknown): Promise<string> {
    const settings = this.settings(name);
    const attempt = readAttempt(cookieHeader);
    if (!attempt || attempt.provider !== name) throw REFUSALS.failedCheck();
    const configuration = await this.configuration(settings);
    let email: string | null;
    try {
      const current = new URL(callbackPathAndQuery, this.config.publicUrl);
      const tokens = await oidc.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      // Providers that follow OIDC Core strictly give scope claims at the UserInfo endpoint only.
      const source = claims.email === undefined ? await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub) : claims;
      email = verifiedEmail(source, settings.emailVerifiedClaim);
    } catch (e) {
      // The reason is logged (no token, code or claim values), the browser gets the 400 page.
      this.logger.warn(
        `sign-in through ${name} refused: ${e instanceof Error ? `${e.name} ${(e as { code?: string }).code ?? ''} ${e.message}` : 'unknown error'}`,
      );
      throw REFUSALS.failedCheck();
    }
    if (email === null) throw REFUSALS.unknownPerson();
    const address = email;
    return this.tx.run(async (m) => {
      const user = await m.findOneBy(UserEntity, { email: normalEmail(address), revokedAt: IsNull() });
      if (!user) throw REFUSALS.unknownPerson();
      return this.sessions.start(m, user, 'oidc', userAgent, `identity provider ${name}`);
    });
  }

  private settings(name: string): OidcProviderSettings {
    const settings = this.config.oidcProviders.find((p) => p.name === name);
    if (!settings) throw REFUSALS.unknownProvider();
    return settings;
  }

  /** The provider's metadata and keys, discovered once; a failed discovery is retried on the next sign-in. */
  private async configuration(settings: OidcProviderSettings): Promise<oidc.Configuration> {
    let pending = this.configurations.get(settings.name);
    if (!pending) {
      pending = oidc.discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, {
        timeout: 10,
        // Plain HTTP only for a loopback issuer (the local test and demo provider); the
        // configuration refuses any other http:// issuer at start.
        ...(settings.insecureLoopback ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
      this.configurations.set(settings.name, pending);
    }
    try {
      return await pending;
    } catch (e) {
      this.configurations.delete(settings.name);
      this.logger.warn(`discovery of ${settings.name} failed: ${e instanceof Error ? e.message : 'unknown error'}`);
      throw REFUSALS.providerUnreachable();
    }
  }

  private attemptCookie(name: string, value: string, maxAge: number): string {
    return serializeCookie(ATTEMPT_COOKIE, value, {
      httpOnly: true,
      secure: this.config.secureCookies,
      sameSite: 'lax',
      path: `/auth/callback/${name}`,
      maxAge,
    });
  }
}
