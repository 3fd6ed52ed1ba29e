import { Type, type Static } from '@sinclair/typebox';
import { validate } from '../shared/validate.js';
import { DEFAULT_EXPIRY_DAYS, DEFAULT_REMINDER_DAYS } from './expand-input.js';
import { DEFAULT_GRACE_BEFORE_HOURS } from './status.js';

/**
 * The clinic's schedule settings, stored under `schedules` in the clinic's settings JSON. Defaults from
 * docs/design.md ("Measurement schedule defaults"): the reminder 2 days after an item falls due, expiry after 4 days.
 */
export const ScheduleSettings = Type.Object(
  {
    reminderDays: Type.Number({
      minimum: 0,
      maximum: 90,
      description: `days from due to the e-mail reminder (default ${DEFAULT_REMINDER_DAYS})`,
    }),
    expiryDays: Type.Number({
      exclusiveMinimum: 0,
      maximum: 90,
      description: `days from due to expiry, after which the item is missed (default ${DEFAULT_EXPIRY_DAYS})`,
    }),
    graceBeforeHours: Type.Number({
      minimum: 0,
      maximum: 168,
      description: `hours before the due time in which an answer already counts (default ${DEFAULT_GRACE_BEFORE_HOURS})`,
    }),
  },
  { additionalProperties: false },
);
export type ScheduleSettings = Static<typeof ScheduleSettings>;

export const ScheduleSettingsPatch = Type.Partial(ScheduleSettings, { additionalProperties: false });

const DEFAULTS: ScheduleSettings = {
  reminderDays: DEFAULT_REMINDER_DAYS,
  expiryDays: DEFAULT_EXPIRY_DAYS,
  graceBeforeHours: DEFAULT_GRACE_BEFORE_HOURS,
};

/** The clinic's schedule settings with defaults filled in; a bad stored value is a field error naming it. */
export function resolveScheduleSettings(clinicSettings: Record<string, unknown>): ScheduleSettings {
  const stored = clinicSettings.schedules ?? {};
  const partial = validate(ScheduleSettingsPatch, stored, 'schedules');
  return { ...DEFAULTS, ...partial };
}
