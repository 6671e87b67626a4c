import { type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, Response } from 'express';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import { type AugmentedRequest, rateLimit } from 'express-rate-limit';
import { AppConfig } from './config/app-config.js';
import { AppModule } from './app.module.js';
import { HttpErrorFilter } from './common/http-exception.filter.js';
import { classifyDatabaseError } from './database/database-errors.js';
import { InputProblemsInterceptor } from './common/input-problems.interceptor.js';
import { MAX_BODY_DEPTH, readJsonBody } from './common/request-body.js';

export const API_DESCRIPTION = `Wijkwacht is the system of record for the regional availability functions of Dutch district
nursing: contracts per region with one responsible party, roster templates that become availability slots in local Dutch
time, assignments under the working-time law, who is on call, coverage, and the monthly availability fee.

Conventions: JSON; ids are opaque strings; calendar dates YYYY-MM-DD and times HH:mm in the region's zone; instants ISO 8601
with an explicit offset (send + as %2B in a query), answered in the region's offset, or in UTC with Z where that offset is
not a whole minute (historic offsets such as -00:44:30); money in integer cents (fields ending in Cents); durations in integer
minutes. Errors are {"statusCode","error","code","message"} plus "violations" on 409 and 422: "code" is a stable kebab-case
word on every error answer (the ErrorCode enum of the error schema lists them with their meaning); on a 422, and on a 409
that carries violations, it is the first violation's rule. Precedence: 401, 403, 400, 404, 409,
422. A record outside the caller's scope answers 404. Unknown fields are refused (400); bodies over 1 MB answer 413. A
body must be application/json (or a +json type) in UTF-8, else 415; objects and arrays in it nest at most ${MAX_BODY_DEPTH}
levels deep, and a NUL character in it, in a path or in a query string is refused (400). Answers are never cached
(Cache-Control: no-store).

Authentication: systems send \`Authorization: Bearer <token>\`. People sign in to the web app through an identity provider
(/auth/login/{name}) or a one-time link, which sets the HttpOnly session cookie wijkwacht_session; with that cookie, every
request other than GET and HEAD needs the header X-CSRF-Token (csrfToken of GET /api/me) and an Origin equal to the
service's PUBLIC_URL, else 403. A request with an Authorization header is judged by the token alone. A person signing in
through a provider is found by the link of the provider's identity (issuer and subject); the first sign-in there links the
user who holds the verified e-mail address, once per provider (see GET /api/users/{id}/identities). POST /auth/logout
answers where the browser goes next: the provider's end-session page, so that the provider signs the person out too.`;

/**
 * The built web app (`dist/web`, written by `npm run build`, or WEB_DIR), found from this file
 * whether it runs compiled from dist/ or as source under the tests. Null when it has not been built.
 */
export function webAppDirectory(configured?: string): string | null {
  if (configured) return existsSync(join(configured, 'index.html')) ? configured : null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const web = join(dir, 'dist', 'web');
      return existsSync(join(web, 'index.html')) ? web : null;
    }
  }
  return null;
}

/** The service's own paths; everything else under `/` is the web app's. */
const SERVICE_PATH = /^\/(api|auth|docs|docs-json|health|p)(\/|$)/;

/**
 * Serves the web app at `/`: compressed (gzip or brotli, as the browser asks), hashed assets
 * cached for a year, index.html always revalidated. The app keeps its state in the address
 * (`/rooster?regio=AMS`), so any other page address answers index.html too.
 */
function serveWebApp(app: NestExpressApplication, config: AppConfig) {
  const web = webAppDirectory(config.webDir);
  if (!web) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path !== '/') return next();
      res.type('text/plain').send('Wijkwacht API. The web app is not built: run `npm run build` (or `npm run demo`), then reload.\n');
    });
    return;
  }
  const compress = compression();
  const files = express.static(web, {
    index: 'index.html',
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // The service's own paths skip both: no compression wrapper and no file-system look-up (a stat
  // on the thread pool that the SQLite readers share) on every API request.
  app.use((req: Request, res: Response, next: NextFunction) => (SERVICE_PATH.test(req.path) ? next() : compress(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => (SERVICE_PATH.test(req.path) ? next() : files(req, res, next)));
  const index = join(web, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const page = (req.method === 'GET' || req.method === 'HEAD') && !SERVICE_PATH.test(req.path) && !/\.[a-z0-9]+$/i.test(req.path);
    // Only for a browser asking for a page: a client without an Accept header gets the JSON 404.
    if (!page || req.accepts(['json', 'html']) !== 'html') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/**
 * Helmet with a strict policy for the web app: scripts, styles, fonts and images from this origin
 * only, plus data: images (the calendar link's QR code is drawn to a data: URL). FullCalendar
 * inserts one empty <style> element and fills it through the CSSOM, which the policy does not
 * govern; the hash of the empty text allows exactly that element, not inline styles.
 * HSTS and upgrade-insecure-requests are sent only on HTTPS requests (req.secure, which
 * TRUST_PROXY lets a proxy's X-Forwarded-Proto decide): over plain HTTP they would lock a browser
 * out of a service that has no TLS.
 */
function securityHeaders() {
  const headers = (secure: boolean) =>
    helmet({
      contentSecurityPolicy: {
        directives: {
          'style-src': ["'self'", `'sha256-${createHash('sha256').update('').digest('base64')}'`],
          'font-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': secure ? [] : null,
        },
      },
      strictTransportSecurity: secure,
    });
  const [overHttps, overHttp] = [headers(true), headers(false)];
  return (req: Request, res: Response, next: NextFunction) => (req.secure ? overHttps : overHttp)(req, res, next);
}

/** Applies pipes, filters, limits and OpenAPI. Used by main.ts and by the e2e tests alike. */
export async function createApp(env: NodeJS.ProcessEnv = process.env, logger: LogLevel[] | false = ['error', 'warn', 'log']) {
  const config = new AppConfig(env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { bodyParser: false, logger });
  app.set('trust proxy', config.trustProxy);
  // Every answer is uncacheable unless it says otherwise (the web app's files do, in serveWebApp).
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(securityHeaders());
  // Per client address (behind a proxy, as TRUST_PROXY defines it); /health stays free for load
  // balancers. The 429's Retry-After is the time left in the caller's window.
  app.use(
    rateLimit({
      windowMs: config.throttleTtlSeconds * 1000,
      limit: config.throttleLimit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      skip: (req) => req.path === '/health',
      handler: (req, res, _next, options) => {
        const resetAt = (req as AugmentedRequest)[options.requestPropertyName]?.resetTime?.getTime() ?? Date.now() + options.windowMs;
        const retryAfter = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
        res.setHeader('Retry-After', String(retryAfter));
        res.status(429).json({ statusCode: 429, error: 'Too Many Requests', code: 'rate-limited', message: `rate limit reached; retry after ${retryAfter} s` });
      },
    }),
  );
  app.use(readJsonBody());
  app.disable('x-powered-by');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, forbidUnknownValues: true }));
  app.useGlobalInterceptors(new InputProblemsInterceptor());
  app.useGlobalFilters(new HttpErrorFilter(classifyDatabaseError));
  serveWebApp(app, config);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Wijkwacht API')
      .setDescription(API_DESCRIPTION)
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('wijkwacht_session', { type: 'apiKey', in: 'cookie', name: 'wijkwacht_session' }, 'session')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return { app, config, document };
}
