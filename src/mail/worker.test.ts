import { describe, expect, it } from 'vitest';
import { linkUrl } from './enqueue.js';
import { backoffMs, mailOptionsFromEnv } from './worker.js';
import { MINUTE_MS } from '../shared/time.js';

describe('mail worker settings', () => {
  it('backs off 1, 2, 4, … minutes, at most an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => backoffMs(n) / MINUTE_MS)).toEqual([1, 2, 4, 8, 60, 60, 60]);
  });

  it('needs the SMTP URL, the sender and the public address, naming what is missing', () => {
    expect(() => mailOptionsFromEnv({})).toThrow('ONSET_SMTP_URL: is not set');
    expect(() => mailOptionsFromEnv({ ONSET_SMTP_URL: 'smtp://mail.example', ONSET_MAIL_FROM: 'a@b.c' })).toThrow(
      'ONSET_PUBLIC_URL: must be the address patients open the links at',
    );
    const options = mailOptionsFromEnv({
      ONSET_SMTP_URL: 'smtp://mail.example',
      ONSET_MAIL_FROM: 'Care <a@b.c>',
      ONSET_PUBLIC_URL: 'https://onset.example/',
    });
    expect(options).toMatchObject({ from: 'Care <a@b.c>', publicUrl: 'https://onset.example/' });
  });

  it('puts the token after the fragment mark, so it never reaches a server log', () => {
    expect(linkUrl('https://onset.example/', 'lnk_x')).toBe('https://onset.example/p/#lnk_x');
  });
});
