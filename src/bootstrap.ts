import { type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { AppConfig } from './config/app-config.js';
import { AppModule } from './app.module.js';
import { HttpErrorFilter } from './common/http-exception.filter.js';
import { InputProblemsInterceptor } from './common/input-problems.interceptor.js';
import { MAX_BODY_DEPTH, readJsonBody } from './common/request-body.js';

export const API_DESCRIPTION = `Wijkwacht is the system of record for the regional availability functions of Dutch district
nursing: contracts per region with one responsible party, roster templates that become availability slots in local Dutch
time, assignments under the working-time law, who is on call, coverage, and the monthly availability fee.

Conventions: JSON; ids are opaque strings; calendar dates YYYY-MM-DD and times HH:mm in the region's zone; instants ISO 8601
with an explicit offset (send + as %2B in a query); money in integer cents (fields ending in Cents); durations in integer
minutes. Errors are {"statusCode","error","message"} plus "violations" on 409 and 422. Precedence: 401, 403, 400, 404, 409,
422. A record outside the caller's scope answers 404. Unknown fields are refused (400); bodies over 1 MB answer 413. A
body must be application/json (or a +json type) in UTF-8, else 415; objects and arrays in it nest at most ${MAX_BODY_DEPTH}
levels deep, and a NUL character in it, in a path or in a query string is refused (400).`;

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

/** Serves the web app at `/`: hashed assets cached for a year, index.html always revalidated. */
function serveWebApp(app: NestExpressApplication, config: AppConfig) {
  const web = webAppDirectory(config.webDir);
  if (!web) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path !== '/') return next();
      res.type('text/plain').send('Wijkwacht API. The web app is not built: run `npm run build` (or `npm run demo`), then reload.\n');
    });
    return;
  }
  app.useStaticAssets(web, {
    index: 'index.html',
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

/** Applies pipes, filters, limits and OpenAPI. Used by main.ts and by the e2e tests alike. */
export async function createApp(env: NodeJS.ProcessEnv = process.env, logger: LogLevel[] | false = ['error', 'warn', 'log']) {
  const config = new AppConfig(env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { bodyParser: false, logger });
  app.use(helmet());
  // Per client address; /health stays free for load balancers. The 429 carries Retry-After.
  app.use(
    rateLimit({
      windowMs: config.throttleTtlSeconds * 1000,
      limit: config.throttleLimit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      skip: (req) => req.path === '/health',
      handler: (_req, res, _next, options) => {
        const retryAfter = Math.ceil(options.windowMs / 1000);
        res.setHeader('Retry-After', String(retryAfter));
        res.status(429).json({ statusCode: 429, error: 'Too Many Requests', message: `rate limit reached; retry after ${retryAfter} s` });
      },
    }),
  );
  app.use(readJsonBody());
  app.disable('x-powered-by');
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, forbidUnknownValues: true }),
  );
  app.useGlobalInterceptors(new InputProblemsInterceptor());
  app.useGlobalFilters(new HttpErrorFilter());
  serveWebApp(app, config);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Wijkwacht API').setDescription(API_DESCRIPTION).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return { app, config };
}
