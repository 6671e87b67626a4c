import { applyDecorators, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiForbiddenResponse, ApiFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto, ApiTransportErrors } from '../common/api-error.dto.js';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators.js';
import { SessionStateResponse, SignInProviderResponse, SignOutResponse } from './sign-in.response.js';
import { SessionsService } from '../identity/sessions.service.js';
import { OidcSignInService } from './oidc-sign-in.service.js';
import { SignInLinksService } from './sign-in-links.service.js';
import { refusalPage, SignInRefusal } from './sign-in-pages.js';

/** The refusals of the browser's sign-in routes: short HTML pages for a person, not JSON (no `code`). */
function ApiSignInPages() {
  const page = (status: number, description: string) => ApiResponse({ status, description, content: { 'text/html': { schema: { type: 'string' } } } });
  return applyDecorators(
    page(400, 'A failed check (state, code, PKCE, ID token, nonce)'),
    page(403, 'Nobody has the verified e-mail address'),
    page(404, 'No identity provider of that name'),
    page(503, 'The identity provider does not answer'),
    ApiTransportErrors(),
  );
}

/**
 * The browser's side of signing in: redirects and, when something is refused, a short HTML page
 * (400 a failed check or a return path that is no page of this app, 403 an unknown person, 404
 * an unknown provider or link, 410 a spent link, 503 an unreachable provider). Success ends in a
 * 302 to the web app: to the page the sign-in started from (`returnTo`), else to `/`.
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
  @ApiTransportErrors()
  @Get('providers')
  providers() {
    return this.oidc.providers();
  }

  @ApiOperation({
    summary: 'Start signing in with an identity provider: 302 to the provider (authorization code flow with PKCE, state and nonce)',
    description:
      'An unknown name answers a 404 page; an unreachable provider a 503 page; a returnTo that is not a page of this web app a 400 page (nothing is set then).',
  })
  @ApiQuery({
    name: 'returnTo',
    type: String,
    required: false,
    description:
      "The page of the web app to land on after signing in (a shared link), as a path with its query: it must start with one /, name no other host, and not be one of the service's own paths (/api, /auth, /docs, /health); at most 1000 characters. It travels in the attempt cookie and is checked again at the callback.",
    example: '/rooster?regio=AMS&maand=2027-02',
  })
  @ApiFoundResponse({ description: 'To the identity provider' })
  @ApiSignInPages()
  @Get('login/:name')
  async login(@Param('name') name: string, @Query('returnTo') returnTo: unknown, @Res() res: Response) {
    await this.answer(res, async () => {
      const { location, attemptCookie } = await this.oidc.begin(name, returnTo);
      res.setHeader('Set-Cookie', attemptCookie);
      res.redirect(302, location);
    });
  }

  @ApiOperation({
    summary:
      "The identity provider's answer: verifies it, finds the user linked to the provider's identity (or links one by its verified e-mail address), starts a session and → 302 to the page the sign-in started from (returnTo), else /",
    description:
      'The provider’s identity (issuer and subject of the ID token) is looked up first: a linked user signs in. Otherwise the verified e-mail address links the active user who holds it, once per provider, and only a user not yet linked at that provider; OIDC_<NAME>_EMAIL_DOMAINS limits the addresses a provider may vouch for. Any failed check (state, code, PKCE, ID token, nonce) → 400 page; nobody to sign in (no such user, already linked to another identity there, an address outside the provider’s domains, or not verified) → 403 page. Nothing is created then. An unknown provider name → 404 page.',
  })
  @ApiFoundResponse({ description: 'Signed in; the session cookie is set' })
  @ApiSignInPages()
  @Get('callback/:name')
  async callback(@Param('name') name: string, @Req() req: Request, @Res() res: Response) {
    await this.answer(res, async () => {
      // An unknown provider name is refused here, before any cookie is built from it.
      res.setHeader('Set-Cookie', this.oidc.clearedAttemptCookie(name));
      const { sessionCookie, location } = await this.oidc.finish(name, req.originalUrl, req.headers.cookie, req.headers['user-agent']);
      res.setHeader('Set-Cookie', [this.oidc.clearedAttemptCookie(name), sessionCookie]);
      res.redirect(302, location);
    });
  }

  @ApiOperation({
    summary: 'Whether this browser is signed in by session cookie (no authentication; 200 either way)',
    description:
      'The web app asks this on every page load before GET /api/me, so that a browser without a session sees the sign-in page without a refused request (a 401 in its console). A session that ended, expired or belongs to a revoked user is signedIn false.',
  })
  @ApiOkResponse({ type: SessionStateResponse })
  @Get('session')
  async session(@Req() req: Request): Promise<SessionStateResponse> {
    return { signedIn: (await this.sessions.authenticate(req)) !== null };
  }

  @ApiOperation({
    summary:
      'Sign out: ends the session of the cookie, clears the cookie, and answers where the browser goes next (200, also when the session had already ended)',
    description:
      'Like every cookie request other than GET/HEAD, it needs X-CSRF-Token and a same-origin Origin, else 403. `redirectTo` is the identity provider’s end-session address when the session signed in through a provider that offers RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0: `end_session_endpoint` with `id_token_hint`, `client_id` and `post_logout_redirect_uri` = this service’s `/`), so that the provider ends its session too and the next person at a shared computer is not signed straight back in; otherwise `/`. The web app sends the browser there. Open page streams of the session end at once, on every instance.',
  })
  @ApiOkResponse({ type: SignOutResponse })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Without the X-CSRF-Token header or from another origin (JSON, as the API answers)' })
  @ApiTransportErrors()
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
