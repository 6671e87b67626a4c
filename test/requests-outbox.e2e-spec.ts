import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../src/bootstrap.js';
import { Clock } from '../src/common/clock.js';
import { Transactions } from '../src/database/transactions.js';
import { OutboxService } from '../src/delivery/outbox.service.js';
import { verifySignature } from '../src/delivery/signature.js';
import { ADMIN, freshDatabase } from './support/test-app.js';

/**
 * The outbox survives a restart: a delivery whose first attempt failed is still there after the
 * service stops, and the next instance on the same database delivers it, with the same
 * Idempotency-Key and a valid signature.
 */
let receiver: Server;
const seen: Array<{ status: number; key: string; signed: boolean }> = [];
let answer = 503;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      seen.push({
        status: answer,
        key: String(req.headers['idempotency-key']),
        signed: verifySignature(raw, 'k', req.headers['x-wijkwacht-signature'] as string),
      });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});
afterAll(() => receiver.close());

async function boot(env: Record<string, string>, at: number): Promise<INestApplication> {
  const { app } = await createApp({ ...env, ADMIN_TOKEN: ADMIN, RUN_JOBS: 'false' }, false);
  await app.init();
  app.get(Clock).set(at);
  return app;
}

it('a delivery that failed before a restart is retried and delivered by the next instance', async () => {
  const database = await freshDatabase();
  const t0 = Date.parse('2026-11-23T09:00:00Z');
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/pages`;
  let app = await boot(database.env, t0);
  try {
    await app
      .get(Transactions)
      .run((m) =>
        app.get(OutboxService).enqueue(m, [{ kind: 'page', url, secret: 'k', body: { id: 'request-1', page: { id: 'page-1' } }, idempotencyKey: 'page-1' }]),
      );
    expect(await app.get(OutboxService).deliverDue()).toBe(1);
    expect(seen).toEqual([{ status: 503, key: 'page-1', signed: true }]);
    await app.close();

    answer = 200;
    app = await boot(database.env, t0 + 10_000);
    // Not due yet: the first retry waits 30 s after the failure.
    expect(await app.get(OutboxService).deliverDue()).toBe(0);
    app.get(Clock).set(t0 + 31_000);
    expect(await app.get(OutboxService).deliverDue()).toBe(1);
    expect(await app.get(OutboxService).deliverDue()).toBe(0);
    expect(seen).toEqual([
      { status: 503, key: 'page-1', signed: true },
      { status: 200, key: 'page-1', signed: true },
    ]);
  } finally {
    await app.close();
    await database.drop();
  }
}, 60_000);
