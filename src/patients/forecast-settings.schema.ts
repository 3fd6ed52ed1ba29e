import { Type, type Static } from '@sinclair/typebox';

/**
 * How the clinic shows the relief forecast (docs/outcomes.md "Forecast"): how far ahead the work queue
 * lists relief likely ending (3 days by default: the demo clinic's typical relief is about 3 days, and a
 * longer horizon fills the queue), and whether the patient's progress page says how long their relief has
 * usually lasted (off unless the clinic turns it on).
 */
export const DEFAULT_RELIEF_ENDING_WITHIN_DAYS = 3;
export const RELIEF_ENDING_WITHIN_DAYS_BOUNDS = { minimum: 1, maximum: 30 } as const;

const descriptions = {
  reliefEndingWithinDays:
    'The work queue lists a patient whose relief is predicted (median) to end within this many days of now: ahead, or passed that recently while the last check-in still showed relief.',
  showOnProgressPage:
    "The patient's progress page says how long their relief after a session has usually lasted (from their own relief episodes); never advice, never a date.",
};

export const ForecastSettings = Type.Object(
  {
    reliefEndingWithinDays: Type.Integer({
      ...RELIEF_ENDING_WITHIN_DAYS_BOUNDS,
      default: DEFAULT_RELIEF_ENDING_WITHIN_DAYS,
      description: descriptions.reliefEndingWithinDays,
    }),
    showOnProgressPage: Type.Boolean({ default: false, description: descriptions.showOnProgressPage }),
  },
  { additionalProperties: false },
);
export type ForecastSettings = Static<typeof ForecastSettings>;

/** What an admin may change (no defaults here, so an empty body changes nothing). */
export const ForecastSettingsInput = Type.Partial(
  Type.Object({
    reliefEndingWithinDays: Type.Integer({
      ...RELIEF_ENDING_WITHIN_DAYS_BOUNDS,
      description: descriptions.reliefEndingWithinDays,
    }),
    showOnProgressPage: Type.Boolean({ description: descriptions.showOnProgressPage }),
  }),
  { additionalProperties: false },
);
