import { applyDecorators, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorDto, ApiTransportErrors } from '../common/api-error.dto.js';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators.js';
import { SessionStateResponse, SignInProviderResponse } from './sign-in.response.js';
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
      "The identity provider's answer: verifies it, matches the verified e-mail claim to a user, starts a session and → 302 to the page the sign-in started from (returnTo), else /",
    description:
      'Any failed check (state, code, PKCE, ID token, nonce) → 400 page; no user with that verified e-mail address → 403 page. Nothing is created then.',
  })
  @ApiFoundResponse({ description: 'Signed in; the session cookie is set' })
  @ApiSignInPages()
  @Get('callback/:name')
  async callback(@Param('name') name: string, @Req() req: Request, @Res() res: Response) {
    res.setHeader('Set-Cookie', this.oidc.clearedAttemptCookie(name));
    await this.answer(res, async () => {
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
    summary: 'Sign out: ends the session of the cookie and clears it (204, also when the session had already ended)',
    description: 'Like every cookie request other than GET/HEAD, it needs X-CSRF-Token and a same-origin Origin, else 403.',
  })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Without the X-CSRF-Token header or from another origin (JSON, as the API answers)' })
  @ApiTransportErrors()
  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response) {
    const signedIn = await this.sessions.authenticate(req);
    if (signedIn) await this.sessions.signOut(signedIn.principal, signedIn.session);
    res.setHeader('Set-Cookie', this.sessions.clearingCookie());
    res.status(204).end();
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
