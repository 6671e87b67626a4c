import { phoneE164, phoneForPeople } from './phone.js';

describe('phone numbers', () => {
  it('a Dutch number written nationally or internationally is stored as E.164', () => {
    expect(phoneE164('020 123 4567')).toBe('+31201234567');
    expect(phoneE164('020-1234567')).toBe('+31201234567');
    expect(phoneE164('+31 20 123 4567')).toBe('+31201234567');
    expect(phoneE164('06 12345678')).toBe('+31612345678');
    expect(phoneE164('0031 58 123 4567')).toBe('+31581234567');
  });

  it('a foreign number needs its country code', () => {
    expect(phoneE164('+32 2 555 12 12')).toBe('+3225551212');
  });

  it('what cannot be called is refused', () => {
    for (const bad of ['', '12', '020 123', '020 123 45678 9', 'bel maar', '+00 123 4567', '0900', '+31 20 123 4567'.repeat(3)]) {
      expect(phoneE164(bad)).toBeNull();
    }
  });

  it('reads as a Dutch reader writes it', () => {
    expect(phoneForPeople('+31201234567')).toBe('020 123 4567');
    expect(phoneForPeople('+31612345678')).toBe('06 12345678');
    expect(phoneForPeople('+3225551212')).toBe('+32 2 555 12 12');
  });
});
