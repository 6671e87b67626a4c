import { acknowledgeInBackground, notificationOf, shiftsWithin } from './notify';

describe("the service worker's decisions", () => {
  const push = { type: 'page' as const, requestId: 'r1', pageId: 'p1', function: 'acute-screening', urgency: 'within-2h', postcode: '1012', step: 2 };

  it('a pushed page is a notification in Dutch that stays until answered, with "Ik ga" and "Bekijk"', () => {
    const { title, options } = notificationOf(push);
    expect(title).toBe('Acute oproep');
    expect(options).toMatchObject({
      body: 'Acute beoordeling thuis · postcode 1012 · binnen 2 uur',
      tag: 'page-r1',
      requireInteraction: true,
      renotify: true,
      data: { requestId: 'r1', pageId: 'p1' },
      actions: [
        { action: 'ik-ga', title: 'Ik ga' },
        { action: 'bekijk', title: 'Bekijk' },
      ],
    });
  });

  it('keeps the shifts that have not ended and start within the next 14 days', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const day = 86_400_000;
    const at = (ms: number) => new Date(ms).toISOString();
    const shifts = [
      { id: 'ended', start: at(now - 3 * 3_600_000), end: at(now - 3_600_000) },
      { id: 'running', start: at(now - 3_600_000), end: at(now + 3_600_000) },
      { id: 'day 13', start: at(now + 13 * day), end: at(now + 13 * day + 3_600_000) },
      { id: 'day 14', start: at(now + 14 * day), end: at(now + 14 * day + 3_600_000) },
    ];
    expect(shiftsWithin(shifts, now, 14).map((s) => s.id)).toEqual(['running', 'day 13']);
  });

  describe('"Ik ga" in the background', () => {
    const real = globalThis.fetch;
    afterEach(() => (globalThis.fetch = real));
    const answers = (...list: Array<{ status: number; body: object }>) => {
      const calls: Array<{ url: string; init?: RequestInit }> = [];
      globalThis.fetch = (async (url: string, init?: RequestInit) => {
        calls.push({ url, init });
        const next = list.shift()!;
        return new Response(JSON.stringify(next.body), { status: next.status, headers: { 'content-type': 'application/json' } });
      }) as typeof fetch;
      return calls;
    };

    it('takes the CSRF token from /api/me and acknowledges via notification', async () => {
      const calls = answers({ status: 200, body: { csrfToken: 'csrf-1' } }, { status: 200, body: {} });
      expect(await acknowledgeInBackground('r1')).toBe('ok');
      expect(calls[1].url).toBe('/api/requests/r1/acknowledge');
      expect(calls[1].init).toMatchObject({ method: 'POST', headers: { 'x-csrf-token': 'csrf-1' }, body: '{"via":"notification"}' });
    });

    it('says when a colleague was first, when the session ended, or when there is no network', async () => {
      answers({ status: 200, body: { csrfToken: 'c' } }, { status: 409, body: { code: 'already-acknowledged' } });
      expect(await acknowledgeInBackground('r1')).toEqual({ title: 'Al aangenomen', body: expect.any(String) });
      answers({ status: 401, body: { code: 'session-ended' } });
      expect(await acknowledgeInBackground('r1')).toMatchObject({ title: 'Niet aangenomen' });
      globalThis.fetch = async () => {
        throw new TypeError('offline');
      };
      expect(await acknowledgeInBackground('r1')).toMatchObject({ title: 'Geen verbinding' });
    });
  });
});
