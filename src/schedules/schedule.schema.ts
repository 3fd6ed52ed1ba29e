import { Type, type Static } from '@sinclair/typebox';
import { StringEnum, Text } from '../shared/schema.js';

/**
 * A measurement schedule: which instruments are asked for at which moments of a treatment course.
 * Schemas are written once here; types, validation and the OpenAPI description all come from them.
 */

export const ITEM_KINDS = ['baseline', 'pre-dose', 'after-dose', 'calendar'] as const;
export const CALENDAR_FROM = ['course-start', 'maintenance'] as const;

/**
 * Default hours before a dose in which a pre-dose measurement counts (the day before; docs/design.md, "Measurement
 * schedule defaults").
 */
export const DEFAULT_LEAD_HOURS = 24;

const LOCAL_TIME = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
export const LOCAL_TIME_REASON = 'must be a 24-hour local time HH:MM, from 00:00 to 23:59';

const Instruments = Type.Array(Text({ minLength: 1, maxLength: 40, description: 'instrument id, e.g. gad7' }), {
  minItems: 1,
  maxItems: 12,
  description: 'instrument ids, each listed once',
});

export const BaselineItem = Type.Object(
  { kind: Type.Literal('baseline'), instruments: Instruments },
  { additionalProperties: false, description: 'once, due at course start; counts until the first dose' },
);

export const PreDoseItem = Type.Object(
  {
    kind: Type.Literal('pre-dose'),
    instruments: Instruments,
    leadHours: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 168,
        description: `hours before a dose in which the measurement counts (default ${DEFAULT_LEAD_HOURS})`,
      }),
    ),
  },
  { additionalProperties: false, description: 'before each recorded dose; listed once the dose is recorded' },
);

export const AfterDoseItem = Type.Object(
  {
    kind: Type.Literal('after-dose'),
    instruments: Instruments,
    offsetsHours: Type.Array(
      Type.Number({ exclusiveMinimum: 0, maximum: 2160, description: 'hours after the dose (at most 90 days)' }),
      {
        minItems: 1,
        maxItems: 20,
        description: 'hours after each dose, each listed once, e.g. [4, 24, 72, 168, 336]',
      },
    ),
  },
  { additionalProperties: false, description: 'at fixed offsets after each dose actually given' },
);

export const CalendarItem = Type.Object(
  {
    kind: Type.Literal('calendar'),
    instruments: Instruments,
    everyDays: Type.Integer({ minimum: 1, maximum: 90, description: 'days between occurrences' }),
    atLocalTime: Type.String({
      pattern: LOCAL_TIME,
      description: "clinic-local time of day, HH:MM (24-hour), e.g. '09:00'",
    }),
    from: StringEnum(CALENDAR_FROM, 'when the rhythm starts: the course start or the start of maintenance'),
  },
  { additionalProperties: false, description: 'on a calendar rhythm, at a clinic-local time of day' },
);

export const ScheduleItem = Type.Union([BaselineItem, PreDoseItem, AfterDoseItem, CalendarItem]);

export const Schedule = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 100 }),
    items: Type.Array(ScheduleItem, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false, description: 'a measurement schedule for a treatment course' },
);

export type BaselineItem = Static<typeof BaselineItem>;
export type PreDoseItem = Static<typeof PreDoseItem>;
export type AfterDoseItem = Static<typeof AfterDoseItem>;
export type CalendarItem = Static<typeof CalendarItem>;
export type ScheduleItem = Static<typeof ScheduleItem>;
export type ScheduleItemKind = ScheduleItem['kind'];
export type Schedule = Static<typeof Schedule>;
