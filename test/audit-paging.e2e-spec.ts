import { ADMIN, bearer, TestApp } from './support/test-app.js';
import { startWorld, type World } from './factories/world.js';

/**
 * The audit log is read newest first in pages: `limit` events at a time, the next page named by
 * an opaque cursor in `X-Next-Cursor` and in `Link: <…>; rel="next"`.
 */
let t: TestApp;
let w: World;
beforeAll(async () => ({ t, w } = await startWorld()));
afterAll(() => t.close());

type Event = { id: string; at: string; action: string; entityType: string; entityId: string };

const get = (query: Record<string, string | number>) => t.http.get('/api/audit-events').query(query).set(bearer(ADMIN));

/** Follows the cursors from the first page to the last, checking both headers agree. */
async function allPages(query: Record<string, string | number>) {
  const pages: Event[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const res = await get(cursor ? { ...query, cursor } : query);
    expect(res.status).toBe(200);
    pages.push(res.body);
    cursor = res.headers['x-next-cursor'];
    if (!cursor) {
      expect(res.headers.link).toBeUndefined();
      return pages;
    }
    expect(res.headers.link).toBe(
      `</api/audit-events?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])), cursor })}>; rel="next"`,
    );
  }
}

describe('paging through the audit log', () => {
  let ordered: Event[];

  it('pages newest first, events of the same millisecond in a stable order, with no duplicates or gaps', async () => {
    t.setNow('2027-01-10T09:00:00Z');
    for (let i = 0; i < 3; i++) await w.insurer();
    // 25 events in one and the same millisecond.
    t.setNow('2027-01-11T09:00:00Z');
    for (let i = 0; i < 25; i++) await w.insurer();
    t.setNow('2027-01-12T09:00:00Z');
    for (let i = 0; i < 2; i++) await w.insurer();

    const one = await get({ entityType: 'insurer', limit: 1000 });
    ordered = one.body;
    expect(ordered).toHaveLength(30);
    expect(one.headers['x-next-cursor']).toBeUndefined();
    // Newest first; within a millisecond, the later written (higher time-ordered id) first.
    const sorted = [...ordered].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1));
    expect(ordered.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
    expect(ordered.slice(2, 27).every((e) => e.at === '2027-01-11T10:00:00+01:00')).toBe(true);

    const pages = await allPages({ entityType: 'insurer', limit: 7 });
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 7, 2]);
    expect(pages.flat().map((e) => e.id)).toEqual(ordered.map((e) => e.id));
  });

  it('events written while paging do not shift the pages already being read', async () => {
    const first = await get({ entityType: 'insurer', limit: 10 });
    t.setNow('2027-01-13T09:00:00Z');
    const added = await w.insurer();
    const rest = await allPages({ entityType: 'insurer', limit: 10, cursor: first.headers['x-next-cursor'] });
    expect([...first.body, ...rest.flat()].map((e: Event) => e.id)).toEqual(ordered.map((e) => e.id));
    // The new event is on a new first page.
    expect((await get({ entityType: 'insurer', limit: 1 })).body[0]).toMatchObject({ entityId: added.uzovi, action: 'create' });
  });

  it('answers at most 100 events when no limit is given', async () => {
    for (let i = 0; i < 75; i++) await w.insurer();
    const res = await get({});
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(100);
    expect(res.headers['x-next-cursor']).toEqual(expect.any(String));
  });

  it.each([
    ['a limit of 0', { limit: 0 }],
    ['a limit over 1000', { limit: 1001 }],
    ['a limit that is not a number', { limit: 'ten' }],
    ['a limit with a fraction', { limit: 2.5 }],
    ['a cursor that is not base64url', { cursor: 'not a cursor!' }],
    ['a cursor that decodes to nothing known', { cursor: Buffer.from('yesterday').toString('base64url') }],
    ['an empty cursor', { cursor: '' }],
  ])('refuses %s with 400', async (_name, query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });
});
