import { MAX_RETURN_PATH, safeReturnPath } from './return-path.js';

describe('the page to return to after signing in', () => {
  it("a page of the web app with its query is kept as it is: a coordinator's shared link", () => {
    expect(safeReturnPath('/rooster?regio=AMS&functie=acute-screening&maand=2027-02')).toBe('/rooster?regio=AMS&functie=acute-screening&maand=2027-02');
    expect(safeReturnPath('/')).toBe('/');
    expect(safeReturnPath('/mijn-diensten')).toBe('/mijn-diensten');
  });

  it('a fragment is dropped, dot segments are resolved and odd characters are percent-encoded', () => {
    expect(safeReturnPath('/rooster?maand=2027-02#dienst')).toBe('/rooster?maand=2027-02');
    expect(safeReturnPath('/a/../rooster')).toBe('/rooster');
    expect(safeReturnPath('/rooster?regio=Noord Holland')).toBe('/rooster?regio=Noord%20Holland');
  });

  it('another site is never a return path, however it is written', () => {
    for (const evil of [
      'https://evil.example/rooster',
      'http:/evil.example',
      'javascript:alert(1)',
      '//evil.example/rooster',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      ' /rooster',
      'rooster',
      '',
    ]) {
      expect({ evil, path: safeReturnPath(evil) }).toEqual({ evil, path: null });
    }
  });

  it("the service's own paths are no page to return to, in any case and after dot segments", () => {
    for (const path of ['/auth/login/demo', '/AUTH/logout', '/api/me', '/docs', '/docs-json', '/health', '/rooster/../api/me', '/api']) {
      expect({ path, safe: safeReturnPath(path) }).toEqual({ path, safe: null });
    }
    // A page whose name only starts like one is a page.
    expect(safeReturnPath('/apis')).toBe('/apis');
  });

  it('only strings of at most MAX_RETURN_PATH characters', () => {
    expect(safeReturnPath(`/rooster?x=${'a'.repeat(MAX_RETURN_PATH - 11)}`)).toHaveLength(MAX_RETURN_PATH);
    expect(safeReturnPath(`/rooster?x=${'a'.repeat(MAX_RETURN_PATH - 10)}`)).toBeNull();
    // Longer once encoded is refused too.
    expect(safeReturnPath(`/rooster?x=${' '.repeat(400)}y`)).toBeNull();
    expect(safeReturnPath(undefined)).toBeNull();
    expect(safeReturnPath(['/rooster'])).toBeNull();
    expect(safeReturnPath(42)).toBeNull();
  });
});
