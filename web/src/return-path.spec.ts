import { currentPage, forgetRememberedPage, isOwnPage, REMEMBER_MS, rememberPage, takeRememberedPage } from './return-path';

/** The page a shared link named, kept across a phone's one-time sign-in link (which lands on /). */
describe('the page to come back to after signing in', () => {
  const store = new Map<string, string>();
  const at = { pathname: '/', search: '' };
  beforeAll(() => {
    Object.assign(globalThis, {
      window: { location: at },
      localStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
        removeItem: (k: string) => void store.delete(k),
      },
    });
  });
  beforeEach(() => {
    store.clear();
    Object.assign(at, { pathname: '/', search: '' });
  });

  it('remembers the page the sign-in form was shown on, and gives it once within 15 minutes', () => {
    Object.assign(at, { pathname: '/rooster', search: '?regio=AMS&maand=2027-02' });
    expect(currentPage()).toBe('/rooster?regio=AMS&maand=2027-02');
    rememberPage(1_000);
    expect(takeRememberedPage(1_000 + REMEMBER_MS)).toBe('/rooster?regio=AMS&maand=2027-02');
    expect(takeRememberedPage(1_000 + REMEMBER_MS)).toBeNull();
  });

  it('a page remembered longer ago than a sign-in link lives is forgotten', () => {
    Object.assign(at, { pathname: '/dekking', search: '' });
    rememberPage(1_000);
    expect(takeRememberedPage(1_001 + REMEMBER_MS)).toBeNull();
    expect(store.size).toBe(0);
  });

  it('the start page is not remembered (it forgets an older one), and forgetting removes it', () => {
    Object.assign(at, { pathname: '/vergoedingen', search: '?maand=2027-01' });
    rememberPage(1_000);
    Object.assign(at, { pathname: '/', search: '' });
    rememberPage(2_000);
    expect(takeRememberedPage(3_000)).toBeNull();
    Object.assign(at, { pathname: '/vergoedingen', search: '' });
    rememberPage(1_000);
    forgetRememberedPage();
    expect(takeRememberedPage(1_000)).toBeNull();
  });

  it('only a path of this origin is taken from storage, whatever was written there', () => {
    for (const path of ['https://evil.example/', '//evil.example', '/\\evil.example', 42, null]) {
      store.set('wijkwacht.returnTo', JSON.stringify({ path, at: 1_000 }));
      expect(takeRememberedPage(1_000)).toBeNull();
    }
    store.set('wijkwacht.returnTo', '{not json');
    expect(takeRememberedPage(1_000)).toBeNull();
    expect(isOwnPage('/rooster?maand=2027-02')).toBe(true);
    expect(isOwnPage('rooster')).toBe(false);
  });
});
