import { expect, it } from 'vitest';
import { isSealed, openSecret, sealSecret, secretKeyFromEnv } from './secret-box.js';

const KEY = Buffer.alloc(32, 7);
const OTHER = Buffer.alloc(32, 9);

it('a sealed secret opens with its key and context, and with nothing else', () => {
  const sealed = sealSecret('JBSWY3DPEHPK3PXP', KEY, 'user-1');
  expect(isSealed(sealed)).toBe(true);
  expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
  expect(sealSecret('JBSWY3DPEHPK3PXP', KEY, 'user-1')).not.toBe(sealed); // a fresh IV each time
  expect(openSecret(sealed, KEY, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
  expect(() => openSecret(sealed, OTHER, 'user-1')).toThrow(/not the key it was sealed with/);
  expect(() => openSecret(sealed, KEY, 'user-2')).toThrow(/not the key it was sealed with/);
  expect(() => openSecret(sealed, null, 'user-1')).toThrow(/ONSET_SECRET_KEY is not set/);
  const [iv, tag, body] = sealed.slice('gcm1:'.length).split('.');
  expect(() => openSecret(`gcm1:${iv}.${(tag ?? '').slice(0, 6)}.${body}`, KEY, 'user-1')).toThrow(/altered/);
});

it('a legacy plaintext secret is returned as it is', () => {
  expect(isSealed('JBSWY3DPEHPK3PXP')).toBe(false);
  expect(openSecret('JBSWY3DPEHPK3PXP', null, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
});

it('ONSET_SECRET_KEY is 64 hex characters or base64 of 32 bytes', () => {
  expect(secretKeyFromEnv({})).toBeNull();
  expect(secretKeyFromEnv({ ONSET_SECRET_KEY: '07'.repeat(32) })).toEqual(KEY);
  expect(secretKeyFromEnv({ ONSET_SECRET_KEY: KEY.toString('base64') })).toEqual(KEY);
  expect(() => secretKeyFromEnv({ ONSET_SECRET_KEY: 'too short' })).toThrow(/ONSET_SECRET_KEY must be 32 bytes/);
});
