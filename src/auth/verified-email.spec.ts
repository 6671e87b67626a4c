import { verifiedEmail } from './verified-email.js';

describe('the e-mail address a provider vouches for', () => {
  it('is the email claim when email_verified is true', () => {
    expect(verifiedEmail({ email: 'a@zorg.example', email_verified: true }, 'email_verified')).toBe('a@zorg.example');
  });

  it('counts the string "true" as verified, as some providers send it', () => {
    expect(verifiedEmail({ email: 'a@zorg.example', email_verified: 'true' }, 'email_verified')).toBe('a@zorg.example');
  });

  it('is nothing when the address is unverified, the claim is missing, or another value', () => {
    for (const value of [false, 'false', undefined, null, 1, 'yes']) {
      expect(verifiedEmail({ email: 'a@zorg.example', email_verified: value }, 'email_verified')).toBeNull();
    }
  });

  it('reads the claim the provider is configured with (Entra ID: xms_edov)', () => {
    expect(verifiedEmail({ email: 'a@zorg.example', xms_edov: true }, 'xms_edov')).toBe('a@zorg.example');
    expect(verifiedEmail({ email: 'a@zorg.example', email_verified: true }, 'xms_edov')).toBeNull();
  });

  it('is nothing without a usable email claim', () => {
    expect(verifiedEmail({ email_verified: true }, 'email_verified')).toBeNull();
    expect(verifiedEmail({ email: 42, email_verified: true }, 'email_verified')).toBeNull();
    expect(verifiedEmail({ email: '', email_verified: true }, 'email_verified')).toBeNull();
  });
});
