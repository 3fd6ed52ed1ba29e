import { expect, it } from 'vitest';
import type { Assessment } from '../assessments/assessment.schema.js';
import type { Dose } from '../doses/dose.schema.js';
import { patientProgress } from './progress.js';

const dose = (givenAt: string): Dose => ({ givenAt }) as Dose;
const gad7 = (completedAt: string, total: number | null, band: string | null = null): Assessment =>
  ({ instrument: 'gad7', completedAt, total, band, complete: total !== null }) as Assessment;

it('says in plain words how the score changed since the first session', () => {
  const progress = patientProgress(
    [dose('2026-01-05T10:00:00.000Z'), dose('2026-01-08T10:00:00.000Z')],
    [
      gad7('2026-01-04T09:00:00.000Z', 15, 'severe'),
      gad7('2026-01-07T09:00:00.000Z', 6, 'mild'),
      gad7('2026-01-06T09:00:00.000Z', null),
    ],
    'America/New_York',
  );
  expect(progress.doses).toEqual([{ at: '2026-01-05T10:00:00.000Z' }, { at: '2026-01-08T10:00:00.000Z' }]);
  expect(progress.instruments).toHaveLength(1);
  expect(progress.instruments[0]).toMatchObject({
    instrument: 'gad7',
    name: 'GAD-7',
    range: { min: 0, max: 21, higherIsWorse: true },
    points: [
      { at: '2026-01-04T09:00:00.000Z', total: 15, band: 'severe' },
      { at: '2026-01-07T09:00:00.000Z', total: 6, band: 'mild' },
    ],
    summary:
      'Your GAD-7 score was 15 before your first session and 6 on 7 January. Your answers suggest your symptoms are lower than when you started.',
  });
});

it('without a score before the first session it reports the latest only; with no doses too', () => {
  const progress = patientProgress([], [gad7('2026-01-04T03:00:00.000Z', 9)], 'America/New_York');
  // 03:00 UTC on 4 January is still 3 January in New York.
  expect(progress.instruments[0]?.summary).toBe('Your latest GAD-7 score is 9 (3 January).');
});

it('a higher score is said kindly and says the care team can see it', () => {
  const progress = patientProgress(
    [dose('2026-01-05T10:00:00.000Z')],
    [gad7('2026-01-04T09:00:00.000Z', 8), gad7('2026-01-09T09:00:00.000Z', 14)],
  );
  expect(progress.instruments[0]?.summary).toMatch(/higher than when you started\. Your care team can see this too\.$/);
});
