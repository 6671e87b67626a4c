import request from 'supertest';
import { scratchDatabase } from '../bench/scratch.js';
import { createApp } from '../src/bootstrap.js';

/**
 * The service's OpenAPI document, exactly as `/docs-json` serves it, without a running server:
 * the app is booted with the same bootstrap as main.ts on a throwaway SQLite file, asked in
 * process, and closed again. The web app's API types are generated from this document.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const database = await scratchDatabase();
  try {
    const { app } = await createApp({ ...database.env, RUN_JOBS: 'false' }, false);
    try {
      await app.init();
      const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
      return res.body as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await database.drop();
  }
}

/** The document as it is committed: two-space JSON with a final newline, so diffs stay readable. */
export function documentText(document: Record<string, unknown>): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
