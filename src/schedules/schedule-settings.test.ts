import { describe, expect, it } from 'vitest';
import { resolveScheduleSettings } from './schedule-settings.js';

describe('clinic schedule settings', () => {
  it('defaults: reminder after 2 days, expiry after 4 (docs/design.md), 12 h grace', () => {
    expect(resolveScheduleSettings({})).toEqual({ reminderDays: 2, expiryDays: 4, graceBeforeHours: 12 });
  });

  it('a clinic value replaces its default and leaves the others', () => {
    expect(resolveScheduleSettings({ schedules: { expiryDays: 7 }, safety: { anything: 1 } })).toEqual({
      reminderDays: 2,
      expiryDays: 7,
      graceBeforeHours: 12,
    });
  });

  it('a bad stored value is named with its path', () => {
    expect(() => resolveScheduleSettings({ schedules: { expiryDays: 0 } })).toThrow(
      'schedules.expiryDays: must be greater than 0',
    );
    expect(() => resolveScheduleSettings({ schedules: { reminderDays: 91 } })).toThrow(
      'schedules.reminderDays: must be at most 90',
    );
    expect(() => resolveScheduleSettings({ schedules: { remindDays: 1 } })).toThrow(
      'schedules.remindDays: is not a known field',
    );
  });
});
