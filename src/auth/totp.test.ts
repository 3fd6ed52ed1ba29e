import { expect, it } from 'vitest';
import { acceptedTotpStep, base32Decode, base32Encode, hotp, totpAt, verifyTotp } from './totp.js';

// RFC 6238 appendix B test vectors (SHA-1, secret "12345678901234567890"), last 6 digits of the 8-digit values.
const SECRET = base32Encode(Buffer.from('12345678901234567890'));

it.each([
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
])('RFC 6238 vector at %i s', (seconds, code) => {
  expect(totpAt(SECRET, new Date(seconds * 1000))).toBe(code);
});

it('RFC 4226 HOTP vectors', () => {
  const secret = Buffer.from('12345678901234567890');
  expect([0, 1, 2, 9].map((c) => hotp(secret, c))).toEqual(['755224', '287082', '359152', '520489']);
});

it('base32 round-trips and verify allows one step of drift only', () => {
  expect(base32Decode(base32Encode(Buffer.from('onset')))).toEqual(Buffer.from('onset'));
  const now = new Date(1_700_000_000_000);
  const code = totpAt(SECRET, now);
  expect(verifyTotp(SECRET, code, new Date(now.getTime() + 30_000))).toBe(true);
  expect(verifyTotp(SECRET, code, new Date(now.getTime() + 90_000))).toBe(false);
  expect(verifyTotp(SECRET, 'abcdef', now)).toBe(false);
});

it('a code is accepted only for a step after the last one accepted', () => {
  const now = new Date(1_700_000_000_000);
  const step = Math.floor(now.getTime() / 30_000);
  const code = totpAt(SECRET, now);
  expect(acceptedTotpStep(SECRET, code, now, null)).toBe(step);
  expect(acceptedTotpStep(SECRET, code, now, step - 1)).toBe(step);
  expect(acceptedTotpStep(SECRET, code, now, step)).toBeNull();
  expect(acceptedTotpStep(SECRET, code, now, step + 1)).toBeNull();
  expect(acceptedTotpStep(SECRET, '12345', now, null)).toBeNull();
});
