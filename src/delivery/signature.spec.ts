import { signatureOf, verifySignature } from './signature.js';

describe('webhook signature', () => {
  const body = '{"id":"r1","page":{"id":"p1"}}';

  it('is sha256= and the hex HMAC-SHA256 of the raw body under the secret (RFC 4231 test case 2)', () => {
    expect(signatureOf('what do ya want for nothing?', 'Jefe')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('verifies the signature of the same bytes under the same secret', () => {
    expect(verifySignature(body, 's3cret', signatureOf(body, 's3cret'))).toBe(true);
  });

  it('refuses a changed body, another secret, a missing or malformed header', () => {
    expect(verifySignature(body.replace('r1', 'r2'), 's3cret', signatureOf(body, 's3cret'))).toBe(false);
    expect(verifySignature(body, 'other', signatureOf(body, 's3cret'))).toBe(false);
    expect(verifySignature(body, 's3cret', undefined)).toBe(false);
    expect(verifySignature(body, 's3cret', 'sha256=00')).toBe(false);
  });
});
