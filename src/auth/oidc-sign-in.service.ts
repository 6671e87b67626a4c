import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import * as oidc from 'openid-client';
import { Locks } from '../database/locks.js';
import { Transactions } from '../database/transactions.js';
import { AppConfig, type OidcProviderSettings } from '../config/app-config.js';
import { principalOf, type ProviderSignOut, SessionsService } from '../identity/sessions.service.js';
import { type ProviderIdentity, UserIdentitiesService } from '../identity/user-identities.service.js';
import { normalEmail } from '../identity/users.service.js';
import { decideSignIn } from './identity-linking.js';
import { safeReturnPath } from './return-path.js';
import { REFUSALS } from './sign-in-pages.js';
import { verifiedEmail } from './verified-email.js';
import type { SignInProviderResponse } from './sign-in.response.js';

/** Holds one sign-in attempt's state, nonce and PKCE verifier between /auth/login and /auth/callback. */
export const ATTEMPT_COOKIE = 'wijkwacht_oidc';
const ATTEMPT_SECONDS = 600;
const SCOPE = 'openid email profile';

interface Attempt {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  /** The page of the web app to land on afterwards (a shared link), checked again when read. */
  returnTo?: string;
}

/** The attempt cookie's value is at most this long (a return path of up to 1000 characters fits). */
const MAX_ATTEMPT_COOKIE = 2000;

function readAttempt(cookieHeader: unknown): Attempt | null {
  if (typeof cookieHeader !== 'string') return null;
  const raw = parseCookies(cookieHeader)[ATTEMPT_COOKIE];
  if (!raw || raw.length > MAX_ATTEMPT_COOKIE) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { provider, state, nonce, verifier, returnTo } = value as Record<string, unknown>;
    if ([provider, state, nonce, verifier].every((v) => typeof v === 'string' && v.length > 0)) {
      // A return path that is not a page of this app (a cookie made by hand) is no return path.
      const page = safeReturnPath(returnTo);
      return { provider, state, nonce, verifier, ...(page ? { returnTo: page } : {}) } as Attempt;
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
export class OidcSignInService implements OnModuleInit {
  private readonly logger = new Logger('OidcSignIn');
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    private readonly config: AppConfig,
    private readonly tx: Transactions,
    private readonly sessions: SessionsService,
    private readonly identities: UserIdentitiesService,
  ) {}

  /**
   * With several providers, one that may vouch for any address can link any user it is not yet
   * linked to (once): said at start, so that the operator gives each its domains.
   */
  onModuleInit(): void {
    const providers = this.config.oidcProviders;
    if (providers.length < 2) return;
    for (const p of providers.filter((x) => x.emailDomains === null)) {
      this.logger.warn(
        `identity provider ${p.name} may vouch for any e-mail address: with several providers, set OIDC_${p.name.toUpperCase()}_EMAIL_DOMAINS to the domains it owns`,
      );
    }
  }

  providers(): SignInProviderResponse[] {
    return this.config.oidcProviders.map((p) => ({ name: p.name, label: p.label }));
  }

  redirectUri(name: string): string {
    return new URL(`/auth/callback/${name}`, this.config.publicUrl).href;
  }

  /**
   * Where to send the browser, and the cookie that remembers the attempt. `returnTo` is the page
   * of the web app to land on after the callback (a shared link); absent or empty: `/`. Anything
   * but a page of this app (another site, the service's own paths, a repeated parameter) → 400 page.
   */
  async begin(name: string, returnTo?: unknown): Promise<{ location: string; attemptCookie: string }> {
    const settings = this.settings(name);
    const asked = returnTo !== undefined && returnTo !== '';
    const page = asked ? safeReturnPath(returnTo) : null;
    if (asked && page === null) throw REFUSALS.badReturnPath();
    const configuration = await this.configuration(settings);
    const attempt: Attempt = {
      provider: name,
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      ...(page ? { returnTo: page } : {}),
    };
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

  /**
   * Clears the attempt cookie: it serves one callback only. Only for a configured provider: the
   * name becomes the cookie's path, so an unknown one (`é`, `a;b`) is refused first (404 page).
   */
  clearedAttemptCookie(name: string): string {
    return this.attemptCookie(this.settings(name).name, '', 0);
  }

  /**
   * Verifies the provider's answer and signs the person in: returns the session's Set-Cookie and
   * the page to land on (the attempt's return path, else `/`).
   * Which user: the one linked to the provider's identity (issuer and subject), else the holder of
   * the verified e-mail address, linked now, once per provider (identity-linking.ts). Any failed
   * check → 400; nobody to sign in → 403; nothing is written then.
   */
  async finish(name: string, callbackPathAndQuery: string, cookieHeader: unknown, userAgent: unknown): Promise<{ sessionCookie: string; location: string }> {
    const settings = this.settings(name);
    const attempt = readAttempt(cookieHeader);
    if (!attempt || attempt.provider !== name) throw REFUSALS.failedCheck();
    const configuration = await this.configuration(settings);
    let identity: ProviderIdentity;
    let idToken: string;
    let email: string | null = null;
    try {
      const current = new URL(callbackPathAndQuery, this.config.publicUrl);
      const tokens = await oidc.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new Error('no ID token');
      identity = { provider: name, issuer: claims.iss, subject: claims.sub };
      idToken = tokens.id_token;
      // The e-mail address matters only to link an identity seen for the first time.
      if (!(await this.identities.linkOf(identity))) {
        // Providers that follow OIDC Core strictly give scope claims at the UserInfo endpoint only.
        const source = claims.email === undefined ? await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub) : claims;
        const address = verifiedEmail(source, settings.emailVerifiedClaim);
        email = address === null ? null : normalEmail(address);
      }
    } catch (e) {
      // The reason is logged (no token, code or claim values), the browser gets the 400 page.
      this.logger.warn(
        `sign-in through ${name} refused: ${e instanceof Error ? `${e.name} ${(e as { code?: string }).code ?? ''} ${e.message}` : 'unknown error'}`,
      );
      throw REFUSALS.failedCheck();
    }
    // The users this sign-in may touch, read first for the locks; the decision reads them again inside.
    const linkedBefore = await this.identities.linkOf(identity);
    const holderBefore = email === null ? null : await this.identities.activeUser({ email });
    const userIds = [linkedBefore?.userId, holderBefore?.id].filter((id): id is string => !!id);
    const locks = [Locks.identitySubject(identity.provider, identity.issuer, identity.subject), ...userIds.map((id) => Locks.identityLinks(id))];
    const sessionCookie = await this.tx.run(async (m) => {
      const link = await this.identities.linkOf(identity, m);
      const linkedUser = link ? await this.identities.activeUser({ id: link.userId }, m) : null;
      const holder = !link && email !== null ? await this.identities.activeUser({ email }, m) : null;
      const decision = decideSignIn({
        linked: link ? { userId: link.userId, active: linkedUser !== null } : null,
        verifiedEmail: email,
        emailDomains: settings.emailDomains,
        holder: holder ? { userId: holder.id, linkedHere: (await this.identities.linkAt(m, holder.id, name)) !== null } : null,
      });
      if (decision.action === 'refuse') {
        // Only the rule's reason is logged, never an address or a subject.
        this.logger.warn(`sign-in through ${name} refused: ${decision.reason}`);
        throw REFUSALS.unknownPerson();
      }
      const through: ProviderSignOut = { provider: name, idToken };
      if (decision.action === 'sign-in' && link && linkedUser) {
        await this.identities.touch(m, link);
        return this.sessions.start(m, linkedUser, 'oidc', userAgent, `identity provider ${name}`, through);
      }
      const user = holder!;
      await this.identities.link(m, user, identity, principalOf(user));
      return this.sessions.start(m, user, 'oidc', userAgent, `identity provider ${name}, linked now by its verified e-mail address`, through);
    }, locks);
    return { sessionCookie, location: attempt.returnTo ?? '/' };
  }

  /**
   * Where to send the browser after signing out, so that the provider ends its session too
   * (RP-initiated logout, with the ID token as `id_token_hint` and this service's `/` as
   * `post_logout_redirect_uri`), or null when the provider offers no end-session endpoint, is
   * no longer configured or cannot be reached now.
   */
  async endSessionUrl(signOut: ProviderSignOut): Promise<string | null> {
    const settings = this.config.oidcProviders.find((p) => p.name === signOut.provider);
    if (!settings) return null;
    let configuration: oidc.Configuration;
    try {
      configuration = await this.configuration(settings);
    } catch {
      return null;
    }
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, {
      id_token_hint: signOut.idToken,
      post_logout_redirect_uri: new URL('/', this.config.publicUrl).href,
    }).href;
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
