import type { Profile } from './profile.js';
import type { Random } from './random.js';
import type { AdverseEventCategory, Grade, SyntheticAdverseEvent, SyntheticDose } from './types.js';
import { HOUR_MS } from '../shared/time.js';
import type { AdverseAction, AdverseOutcome } from '../shared/vocabulary.js';

/**
 * Adverse events at low per-dose rates: nausea and dissociation distress around the session; blood-
 * pressure rises after high readings; worsening anxiety (rare, mostly in non-responders);
 * urinary symptoms growing with the number of doses (muetzelfeldt2008); craving, suicidality, social
 * withdrawal and other events rarely.
 */
export function makeAdverseEvents(
  random: Random,
  profile: Profile,
  doses: readonly SyntheticDose[],
): SyntheticAdverseEvent[] {
  const events: SyntheticAdverseEvent[] = [];
  doses.forEach((dose, k) => {
    const add = (category: AdverseEventCategory, afterHours: number): void => {
      events.push(makeEvent(random, category, Math.round(dose.at + afterHours * HOUR_MS)));
    };
    if (random.chance(0.03)) add('nausea', random.uniform(0.5, 6));
    if (random.chance(dose.dissociation >= 8 ? 0.25 : 0.004)) add('dissociation-distress', random.uniform(0.2, 2));
    if (random.chance(dose.systolicAfter >= 160 ? 0.5 : 0.003)) add('bp-rise', random.uniform(0.3, 1));
    if (random.chance(profile.kind === 'never' ? 0.012 : 0.003)) add('worsening-anxiety', random.uniform(4, 96));
    if (random.chance((profile.urinaryProne ? 0.01 : 0.0008) * (k + 1))) add('urinary', random.uniform(24, 240));
    if (random.chance(profile.history.includes('substance-use') ? 0.02 : 0.002))
      add('craving', random.uniform(24, 120));
    if (random.chance(profile.suicidalThoughts > 0.1 ? 0.01 : 0.0005)) add('suicidality', random.uniform(24, 120));
    if (random.chance(0.002)) add('social-withdrawal', random.uniform(24, 168));
    if (random.chance(0.004)) add('other', random.uniform(1, 72));
  });
  return events.sort((a, b) => a.at - b.at);
}

function makeEvent(random: Random, category: AdverseEventCategory, at: number): SyntheticAdverseEvent {
  const grade = random.weighted<Grade>(
    category === 'suicidality'
      ? [
          [2, 50],
          [3, 45],
          [4, 5],
        ]
      : [
          [1, 62],
          [2, 30],
          [3, 7],
          [4, 1],
        ],
  );
  // Codes of the adverse-event vocabulary (shared/vocabulary.ts): a 'resolving' event is still 'ongoing'.
  const outcome = random.weighted<AdverseOutcome>([
    ['resolved', 75],
    ['ongoing', 25],
  ]);
  return { at, category, grade, action: actionFor(category, grade), outcome };
}

function actionFor(category: AdverseEventCategory, grade: Grade): AdverseAction | null {
  if (grade >= 4) return 'admission';
  if (category === 'urinary') return 'urology-referral';
  if (grade === 3) return 'emergency-visit';
  return null;
}
