import { newToken, sealWith, unsealWith } from './tokens.js';

describe("a session's sealed ID token", () => {
  it('opens with the cookie secret it was sealed with, and with no other', () => {
    const secret = newToken();
    const sealed = sealWith(secret, 'eyJhbGciOiJSUzI1NiJ9.payload.signature');
    expect(sealed).not.toContain('payload');
    expect(unsealWith(secret, sealed)).toBe('eyJhbGciOiJSUzI1NiJ9.payload.signature');
    expect(unsealWith(newToken(), sealed)).toBeNull();
  });

  it('a damaged or shortened value opens to nothing rather than failing', () => {
    const secret = newToken();
    const sealed = sealWith(secret, 'id-token');
    const flipped = Buffer.from(sealed, 'base64url');
    flipped[flipped.length - 1] ^= 1;
    expect(unsealWith(secret, flipped.toString('base64url'))).toBeNull();
    expect(unsealWith(secret, sealed.slice(0, 20))).toBeNull();
    expect(unsealWith(secret, '%%%')).toBeNull();
  });

  it('the same token sealed twice looks different (a fresh IV each time)', () => {
    const secret = newToken();
    expect(sealWith(secret, 'x')).not.toBe(sealWith(secret, 'x'));
  });
});
