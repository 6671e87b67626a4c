import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Behind a reverse proxy (TRUST_PROXY) each client gets its own rate-limit bucket and HSTS is
 * sent for HTTPS requests only; a 429's Retry-After counts down to the end of the caller's window.
 */
const apps: TestApp[] = [];
async function app(env: Record<string, string>) {
  const t = await startTestApp(env);
  apps.push(t);
  return t;
}
afterAll(async () => {
  for (const t of apps) await t.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limit', () => {
  it('without TRUST_PROXY every client behind the proxy shares one bucket (the proxy address)', async () => {
    const t = await app({ THROTTLE_LIMIT: '2', THROTTLE_TTL_SECONDS: '60' });
    expect((await t.http.get('/api/contracts').set('X-Forwarded-For', '203.0.113.1')).status).toBe(401);
    expect((await t.http.get('/api/contracts').set('X-Forwarded-For', '203.0.113.2')).status).toBe(401);
    expect((await t.http.get('/api/contracts').set('X-Forwarded-For', '203.0.113.3')).status).toBe(429);
  });

  it('with TRUST_PROXY=1 each forwarded client address has its own bucket', async () => {
    const t = await app({ THROTTLE_LIMIT: '2', THROTTLE_TTL_SECONDS: '60', TRUST_PROXY: '1' });
    const from = (ip: string) => t.http.get('/api/contracts').set('X-Forwarded-For', ip);
    expect((await from('203.0.113.1')).status).toBe(401);
    expect((await from('203.0.113.1')).status).toBe(401);
    const limited = await from('203.0.113.1');
    expect(limited.status).toBe(429);
    expect(limited.headers['cache-control']).toBe('no-store');
    expect((await from('203.0.113.2')).status).toBe(401);
  });

  it('with TRUST_PROXY naming the proxy subnet, only that proxy is believed', async () => {
    const t = await app({ THROTTLE_LIMIT: '1', THROTTLE_TTL_SECONDS: '60', TRUST_PROXY: '127.0.0.0/8, ::1' });
    expect((await t.http.get('/api/contracts').set('X-Forwarded-For', '203.0.113.1')).status).toBe(401);
    expect((await t.http.get('/api/contracts').set('X-Forwarded-For', '203.0.113.2')).status).toBe(401);
    expect((await t.http.get('/api/contracts').set('X-Forwarded-For', '203.0.113.2')).status).toBe(429);
  });

  it("Retry-After is the seconds left in the caller's window, not the whole window", async () => {
    const t = await app({ THROTTLE_LIMIT: '1', THROTTLE_TTL_SECONDS: '4' });
    expect((await t.http.get('/api/contracts')).status).toBe(401);
    await sleep(2_100);
    const limited = await t.http.get('/api/contracts');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  });
});

describe('HSTS', () => {
  it('is sent for a request that reached a trusted proxy over HTTPS, and not over plain HTTP', async () => {
    const t = await app({ TRUST_PROXY: 'loopback' });
    const secure = await t.http.get('/health').set('X-Forwarded-Proto', 'https');
    expect(secure.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(secure.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    const plain = await t.http.get('/health');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('TRUST_PROXY setting', () => {
  it.each(['false', 'true', '0', '2', 'loopback', '10.0.0.0/8', '10.0.0.1, 192.168.0.0/16', 'loopback, uniquelocal', '::1'])(
    '%j is accepted',
    async (value) => {
      const { AppConfig } = await import('../src/config/app-config.js');
      expect(() => new AppConfig({ TRUST_PROXY: value })).not.toThrow();
    },
  );

  it.each(['yes', '-1', '1.5', '10.0.0.0/99', 'proxy.example.org', '10.0.0.1,,10.0.0.2', '300.1.1.1'])('%j stops the service with a message', async (value) => {
    const { AppConfig } = await import('../src/config/app-config.js');
    expect(() => new AppConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });

  it('is off by default', async () => {
    const { AppConfig } = await import('../src/config/app-config.js');
    expect(new AppConfig({}).trustProxy).toBe(false);
  });
});
