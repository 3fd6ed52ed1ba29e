/**
 * A clinic's safety settings: every threshold the safety rules use, with the product's default and
 * the source of each default. Written once as a TypeBox schema, so validation, OpenAPI and the error
 * messages ("bpPreDoseSystolic: must be at least 90") all come from it.
 */
import { Type, type Static, type TInteger, type TNull, type TNumber, type TUnion } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { invalidMany, type FieldProblem } from '../shared/errors.js';
import { validate } from '../shared/validate.js';

type NullableInteger = TUnion<[TInteger, TNull]>;
type NullableNumber = TUnion<[TNumber, TNull]>;

function mmHg(minimum: number, maximum: number, fallback: number, description: string): TInteger {
  return Type.Integer({ minimum, maximum, default: fallback, description: `mmHg. ${description}` });
}

function wholeNumber(minimum: number, maximum: number, fallback: number, description: string): TInteger {
  return Type.Integer({ minimum, maximum, default: fallback, description });
}

// Null switches a route's rule off. At least 1 minute: a 0-minute minimum could never be missed.
function observation(fallback: number | null, description: string): NullableInteger {
  return Type.Union([Type.Integer({ minimum: 1, maximum: 1440 }), Type.Null()], { default: fallback, description });
}

const NOT_SET = 'Default null: no rule unless the clinic sets a minimum.';

/** Minimum observation after a dose, by route (minutes); null = no rule for that route. */
export const MinObservationMinutes = Type.Object(
  {
    iv: observation(null, `IV, minutes. ${NOT_SET}`),
    im: observation(null, `IM, minutes. ${NOT_SET}`),
    intranasal: observation(
      120,
      'Intranasal, minutes. Default 120: the Spravato (esketamine) REMS requires observation for at least 2 hours after each dose.',
    ),
    sublingual: observation(null, `Sublingual, minutes. ${NOT_SET}`),
    oral: observation(null, `Oral, minutes. ${NOT_SET}`),
  },
  { additionalProperties: false },
);

const cumulativeMg: NullableNumber = Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 30000 }), Type.Null()], {
  default: null,
  description:
    'mg. Alert when the mg given in any 30-day window exceed this. Default null (off): the product sets no number; a clinic may.',
});

const properties = {
  bpPreDoseSystolic: mmHg(
    90,
    250,
    140,
    'Pre-dose alert when the systolic is above this. Default 140: Spravato label / esketamine REMS, caution when baseline is above 140/90.',
  ),
  bpPreDoseDiastolic: mmHg(
    50,
    150,
    90,
    'Pre-dose alert when the diastolic is above this. Default 90: Spravato label / esketamine REMS, caution when baseline is above 140/90.',
  ),
  bpPostDoseSystolic: mmHg(
    100,
    300,
    180,
    'A post-dose systolic above this is urgent. Default 180: Onset default (grade 3 hypertension, ESC/ESH 2018), not from the esketamine label.',
  ),
  bpPostDoseDiastolic: mmHg(
    60,
    200,
    110,
    'A post-dose diastolic above this is urgent. Default 110: Onset default (grade 3 hypertension, ESC/ESH 2018), not from the esketamine label.',
  ),
  minObservationMinutes: MinObservationMinutes,
  maxDosesIn30Days: wholeNumber(
    1,
    60,
    8,
    'Alert when more doses than this fall in any 30-day window. Default 8, an Onset choice (boosters are commonly 2–8 sessions a month).',
  ),
  maxCumulativeMgIn30Days: cumulativeMg,
  cravingThreshold: wholeNumber(
    1,
    10,
    7,
    'A craving rating (0–10) at or above this raises an alert. Default 7: Onset safety-prompt threshold, not a published cut-off.',
  ),
  cravingRisingCount: wholeNumber(
    2,
    10,
    3,
    'This many consecutive, strictly increasing craving ratings raise an alert. Default 3: Onset choice, not published.',
  ),
  missedFollowUpDays: wholeNumber(
    1,
    90,
    8,
    'A dose with no complete questionnaire within this many days after it is a missed follow-up. Default 8: Onset choice — trials assess at day 7 (docs/design.md), plus a day of grace.',
  ),
  infoAlertExpiryDays: wholeNumber(
    0,
    365,
    14,
    'Information alerts (such as a missed follow-up) still open this many days after they were raised close by themselves, recorded as expired; 0 keeps them until someone closes them. Urgent alerts and warnings never expire. Default 14: Onset choice — after two weeks an unanswered information alert is history, not a task for today.',
  ),
  baselineWindowDays: wholeNumber(
    0,
    90,
    14,
    'How far before the first dose a baseline may lie, days. Default 14: docs/outcomes.md.',
  ),
};

/** Every safety threshold of a clinic, each with its default and source (in its description). */
export const SafetySettings = Type.Object(properties, { additionalProperties: false });
export type SafetySettings = Static<typeof SafetySettings>;

/** What a clinic may store: any subset of the settings (and any subset of the routes). */
export const SafetySettingsInput = Type.Partial(
  Type.Object({
    ...properties,
    minObservationMinutes: Type.Partial(MinObservationMinutes, { additionalProperties: false }),
  }),
  { additionalProperties: false },
);
export type SafetySettingsInput = Static<typeof SafetySettingsInput>;

/** The product defaults, read from the schema so the numbers are written once. */
export const DEFAULT_SAFETY_SETTINGS: Readonly<SafetySettings> = freezeSettings(Value.Create(SafetySettings));

function freezeSettings(settings: SafetySettings): Readonly<SafetySettings> {
  Object.freeze(settings.minObservationMinutes);
  return Object.freeze(settings);
}

/**
 * Validates a clinic's stored settings (undefined or null = none stored) and fills in the defaults.
 * Throws one VALIDATION_FAILED error naming every bad field, e.g. "bpPreDoseSystolic: must be at least 90".
 */
export function resolveSafetySettings(partial: unknown): SafetySettings {
  const input = validate(SafetySettingsInput, partial ?? {});
  const defaults = Value.Clone(DEFAULT_SAFETY_SETTINGS);
  const settings: SafetySettings = {
    ...defaults,
    ...input,
    minObservationMinutes: { ...defaults.minObservationMinutes, ...input.minObservationMinutes },
  };
  const problems = orderingProblems(settings);
  if (problems.length > 0) throw invalidMany(problems);
  return settings;
}

// The post-dose urgent level must not sit below the pre-dose caution level: a post-dose reading is
// a warning above the pre-dose level and urgent at the post-dose level (see rules/bp-post-dose.ts).
function orderingProblems(settings: SafetySettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (settings.bpPostDoseSystolic <= settings.bpPreDoseSystolic) {
    problems.push({
      field: 'bpPostDoseSystolic',
      reason: `must be above bpPreDoseSystolic (${settings.bpPreDoseSystolic}); it is ${settings.bpPostDoseSystolic}`,
    });
  }
  if (settings.bpPostDoseDiastolic <= settings.bpPreDoseDiastolic) {
    problems.push({
      field: 'bpPostDoseDiastolic',
      reason: `must be above bpPreDoseDiastolic (${settings.bpPreDoseDiastolic}); it is ${settings.bpPostDoseDiastolic}`,
    });
  }
  return problems;
}
