import { describe, expect, it } from 'vitest';
import { alertMailSettingsFromEnv, alertMailText } from '../../src/mail/alert-mail.js';

describe('alert mail text and settings', () => {
  it('says only that an urgent alert waits, with the sign-in address ending in one slash', () => {
    const expected =
      'An urgent safety alert needs your attention in Onset. Sign in to review it: https://onset.example/';
    expect(alertMailText('https://onset.example').body.split('\n')[0]).toBe(expected);
    expect(alertMailText('https://onset.example///').body.split('\n')[0]).toBe(expected);
    expect(alertMailText('https://onset.example').subject).toBe('Onset: an urgent safety alert needs your attention');
  });

  it('still gives the notice without a usable public address', () => {
    expect(alertMailText('').body.split('\n')[0]).toBe(
      'An urgent safety alert needs your attention in Onset. Sign in to Onset to review it.',
    );
    expect(alertMailText('onset.example').body).not.toContain('onset.example');
  });

  it('is off without ONSET_SMTP_URL and never throws on a bad value (it runs inside a clinical write)', () => {
    expect(alertMailSettingsFromEnv({})).toBeNull();
    expect(alertMailSettingsFromEnv({ ONSET_SMTP_URL: '' })).toBeNull();
    expect(
      alertMailSettingsFromEnv({ ONSET_SMTP_URL: 'not a url', ONSET_PUBLIC_URL: 'https://onset.example' }),
    ).toEqual({ publicUrl: 'https://onset.example' });
    expect(alertMailSettingsFromEnv({ ONSET_SMTP_URL: 'smtp://mail.example' })).toEqual({ publicUrl: '' });
  });
});
