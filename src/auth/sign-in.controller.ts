import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators.js';
import { SignInProviderResponse, SignOutResponse } from '../docs/responses.js';
import { SessionsService } from '../identity/sessions.service.js';
import { OidcSignInService } from './oidc-sign-in.service.js';
import { SignInLinksService } from './sign-in-links.service.js';
import { refusalPage, SignInRefusal } from './sign-in-pages.js';

/**
 * The browser's side of signing in: redirects and, when something is refused, a short HTML page
 * (400 a failed check, 403 an unknown person, 404 an unknown provider or link, 410 a spent link,
 * 503 an unreachable provider). Success always ends in a 302 to the web app at `/`.
 */
@ApiTags('sign-in')
@Public()
@Controller('auth')
export class SignInController {
  constructor(
    private readonly oidc: OidcSignInService,
    private readonly links: SignInLinksService,
    private readonly sessions: SessionsService,
  ) {}

  @ApiOperation({ summary: 'The identity providers people can sign in with (no authentication)' })
  @ApiOkResponse({ type: [SignInProviderResponse] })
  @Get('providers')
  providers() {
    return this.oidc.providers();
  }

  @ApiOperation({
    summary: 'Start signing in with an identity provider: 302 to the provider (authorization code flow with PKCE, state and nonce)',
    description: 'An unknown name answers a 404 page; an unreachable provider a 503 page.',
  })
  @ApiFoundResponse({ description: 'To the identity provider' })
  @Get('login/:name')
  async login(@Param('name') name: string, @Res() res: Response) {
    await this.answer(res, async () => {
      const { location, attemptCookie } = await this.oidc.begin(name);
      res.setHeader('Set-Cookie', attemptCookie);
      res.redirect(302, location);
    });
  }

  @ApiOperation({
    summary:
      "The identity provider's answer: verifies it, finds the user linked to the provider's identity (or links one by its verified e-mail address), starts a session and → 302 to /",
    description:
      'The provider’s identity (issuer and subject of the ID token) is looked up first: a linked user signs in. Otherwise the verified e-mail address links the active user who holds it, once per provider, and only a user not yet linked at that provider; OIDC_<NAME>_EMAIL_DOMAINS limits the addresses a provider may vouch for. Any failed check (state, code, PKCE, ID token, nonce) → 400 page; nobody to sign in (no such user, already linked to another identity there, an address outside the provider’s domains, or not verified) → 403 page. Nothing is created then. An unknown provider name → 404 page.',
  })
  @ApiFoundResponse({ description: 'Signed in; the session cookie is set' })
  @Get('callback/:name')
  async callback(@Param('name') name: string, @Req() req: Request, @Res() res: Response) {
    await this.answer(res, async () => {
      // An unknown provider name is refused here, before any cookie is built from it.
      res.setHeader('Set-Cookie', this.oidc.clearedAttemptCookie(name));
      const session = await this.oidc.finish(name, req.originalUrl, req.headers.cookie, req.headers['user-agent']);
      res.setHeader('Set-Cookie', [this.oidc.clearedAttemptCookie(name), session]);
      res.redirect(302, '/');
    });
  }

  @ApiOperation({
    summary:
      'Sign out: ends the session of the cookie, clears the cookie, and answers where the browser goes next (200, also when the session had already ended)',
    description:
      'Like every cookie request other than GET/HEAD, it needs X-CSRF-Token and a same-origin Origin, else 403. `redirectTo` is the identity provider’s end-session address when the session signed in through a provider that offers RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0: `end_session_endpoint` with `id_token_hint`, `client_id` and `post_logout_redirect_uri` = this service’s `/`), so that the provider ends its session too and the next person at a shared computer is not signed straight back in; otherwise `/`. The web app sends the browser there. Open page streams of the session end at once, on every instance.',
  })
  @ApiOkResponse({ type: SignOutResponse })
  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response) {
    const signedIn = await this.sessions.authenticate(req);
    const secret = this.sessions.secretOf(req);
    const atProvider = signedIn && secret ? await this.sessions.signOut(signedIn.principal, signedIn.session, secret) : null;
    const redirectTo = (atProvider && (await this.oidc.endSessionUrl(atProvider))) ?? '/';
    res.setHeader('Set-Cookie', this.sessions.clearingCookie());
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).json({ redirectTo });
  }

  /** Documented in the OpenAPI description of POST /api/users/{id}/sign-in-links; the secret is the key. */
  @ApiExcludeEndpoint()
  @Get('link/:secret')
  async link(@Param('secret') secret: string, @Req() req: Request, @Res() res: Response) {
    await this.answer(res, async () => {
      const session = await this.links.redeem(secret, req.headers['user-agent']);
      res.setHeader('Set-Cookie', session);
      res.redirect(302, '/');
    });
  }

  private async answer(res: Response, work: () => Promise<void>) {
    try {
      await work();
    } catch (e) {
      if (!(e instanceof SignInRefusal)) throw e;
      res.status(e.status).type('html').send(refusalPage(e));
    }
  }
}
