import type { Profile } from './profile.js';
import type { Random } from './random.js';
import type { MedicationClass, SyntheticMedication, SyntheticTherapySession } from './types.js';
import { DAY_MS } from '../shared/time.js';

/**
 * Psychotherapy around the sessions (preparation and integration with CBT, IFS, others):
 * one or two preparation sessions before dose 1, integration within 1–3 days after about half the doses.
 */
export function makeTherapySessions(
  random: Random,
  profile: Profile,
  doseTimes: readonly number[],
): SyntheticTherapySession[] {
  const modality = profile.modality;
  const first = doseTimes[0];
  if (modality === 'none' || first === undefined) return [];
  const sessions: SyntheticTherapySession[] = [];
  const preparations = random.int(1, 2);
  for (let i = preparations; i >= 1; i--) {
    sessions.push({
      at: Math.round(first - i * random.uniform(2, 5) * DAY_MS),
      kind: 'preparation',
      modality,
      minutes: random.pick([50, 60, 90]),
    });
  }
  for (const at of doseTimes) {
    if (random.chance(0.5)) {
      sessions.push({
        at: Math.round(at + random.uniform(1, 3) * DAY_MS),
        kind: 'integration',
        modality,
        minutes: random.pick([50, 60, 90]),
      });
    }
  }
  return sessions.sort((a, b) => a.at - b.at);
}

const MEDICATIONS: readonly { class: MedicationClass; share: number; names: readonly string[] }[] = [
  { class: 'ssri', share: 0.35, names: ['sertraline', 'escitalopram', 'fluoxetine'] },
  { class: 'snri', share: 0.1, names: ['venlafaxine', 'duloxetine'] },
  // An occasional benzodiazepine (docs/design.md, "Demo data"): they may blunt ketamine's effect, so clinics track
  // them.
  { class: 'benzodiazepine', share: 0.08, names: ['lorazepam', 'clonazepam', 'alprazolam'] },
  { class: 'sedative', share: 0.04, names: ['zolpidem', 'trazodone'] },
  { class: 'stimulant', share: 0.03, names: ['methylphenidate', 'lisdexamfetamine'] },
  { class: 'other', share: 0.05, names: ['propranolol', 'buspirone'] },
];

/** Concurrent medications started before the course; a few stop during it. */
export function makeMedications(random: Random, firstDoseAt: number, lastAt: number): SyntheticMedication[] {
  const medications: SyntheticMedication[] = [];
  for (const kind of MEDICATIONS) {
    if (!random.chance(kind.share)) continue;
    const startedAt = Math.round(firstDoseAt - random.uniform(30, 1000) * DAY_MS);
    const followedDays = Math.max(1, (lastAt - firstDoseAt) / DAY_MS);
    const stoppedAt = random.chance(0.2) ? Math.round(firstDoseAt + random.uniform(0, followedDays) * DAY_MS) : null;
    medications.push({ name: random.pick(kind.names), class: kind.class, startedAt, stoppedAt });
  }
  return medications;
}
