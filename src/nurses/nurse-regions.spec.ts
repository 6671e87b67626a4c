import { worksIn } from './nurse-regions.js';

describe('the regions a nurse works in', () => {
  it('a nurse without regionCodes works in every region (of her employer)', () => {
    expect(worksIn({ regionCodes: null }, 'AMS')).toBe(true);
  });

  it('a nurse with regionCodes works in the regions named', () => {
    expect(worksIn({ regionCodes: ['AMS', 'ZAA'] }, 'ZAA')).toBe(true);
  });

  it('a nurse with regionCodes does not work in a region left out, however alike its code', () => {
    expect(worksIn({ regionCodes: ['AMS'] }, 'AMS-N')).toBe(false);
    expect(worksIn({ regionCodes: ['AMS'] }, 'ams')).toBe(false);
  });
});
