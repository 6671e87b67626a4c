import { decideSignIn, mayVouchFor, type SignInFacts } from './identity-linking.js';

const nobody: SignInFacts = { linked: null, verifiedEmail: null, emailDomains: null, holder: null };

describe('which user a sign-in through an identity provider is for', () => {
  it('a linked identity signs its user in, whatever address the provider sends now, and whatever its domains', () => {
    expect(decideSignIn({ ...nobody, linked: { userId: 'u1', active: true } })).toEqual({ action: 'sign-in', userId: 'u1' });
    expect(
      decideSignIn({
        linked: { userId: 'u1', active: true },
        verifiedEmail: 'x@elders.example',
        emailDomains: ['zorg.example'],
        holder: { userId: 'u2', linkedHere: false },
      }),
    ).toEqual({ action: 'sign-in', userId: 'u1' });
  });

  it('a link to a revoked user signs nobody in', () => {
    expect(decideSignIn({ ...nobody, linked: { userId: 'u1', active: false }, verifiedEmail: 'a@zorg.example' })).toEqual({
      action: 'refuse',
      reason: 'user-revoked',
    });
  });

  it('a verified address links the user who holds it, the first time at this provider', () => {
    expect(decideSignIn({ ...nobody, verifiedEmail: 'a@zorg.example', holder: { userId: 'u1', linkedHere: false } })).toEqual({
      action: 'link-and-sign-in',
      userId: 'u1',
    });
  });

  it('a second identity at the same provider with the same address is refused: the user is linked there already', () => {
    expect(decideSignIn({ ...nobody, verifiedEmail: 'a@zorg.example', holder: { userId: 'u1', linkedHere: true } })).toEqual({
      action: 'refuse',
      reason: 'already-linked',
    });
  });

  it('a provider may vouch only for the domains it is given', () => {
    const facts = { ...nobody, verifiedEmail: 'admin@zorg.example', holder: { userId: 'u1', linkedHere: false } };
    expect(decideSignIn({ ...facts, emailDomains: ['elders.example'] })).toEqual({ action: 'refuse', reason: 'domain-not-vouched' });
    expect(decideSignIn({ ...facts, emailDomains: ['elders.example', 'zorg.example'] })).toEqual({ action: 'link-and-sign-in', userId: 'u1' });
  });

  it('without a verified address, or without a user holding it, nobody is signed in', () => {
    expect(decideSignIn(nobody)).toEqual({ action: 'refuse', reason: 'no-verified-email' });
    expect(decideSignIn({ ...nobody, verifiedEmail: 'a@zorg.example' })).toEqual({ action: 'refuse', reason: 'no-user' });
  });

  it('domains match exactly after the last @, in any case; a subdomain is another domain', () => {
    expect(mayVouchFor('A@Zorg.Example', ['zorg.example'])).toBe(true);
    expect(mayVouchFor('a@sub.zorg.example', ['zorg.example'])).toBe(false);
    expect(mayVouchFor('a@zorg.example.evil', ['zorg.example'])).toBe(false);
    expect(mayVouchFor('"x@zorg.example"@evil.example', ['zorg.example'])).toBe(false);
    expect(mayVouchFor('no-at-sign', ['zorg.example'])).toBe(false);
    expect(mayVouchFor('a@anything.example', null)).toBe(true);
  });
});
