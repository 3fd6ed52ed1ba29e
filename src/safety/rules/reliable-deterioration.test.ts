import { describe, expect, it } from 'vitest';
import { aHistory, aScore, anAssessment, day, dosesOnDays, settingsWith } from '../test-builders.js';
import { DEFAULT_SAFETY_SETTINGS } from '../settings.js';
import type { Assessment } from '../../assessments/assessment.schema.js';
import { reliableDeterioration } from './reliable-deterioration.js';

const run = (assessments: Assessment[], doseDays = [0], settings = DEFAULT_SAFETY_SETTINGS) =>
  reliableDeterioration.evaluate(aHistory({ doses: dosesOnDays(doseDays), assessments }), settings);

describe('reliable deterioration on GAD-7 (R = 4 points, NHS Talking Therapies)', () => {
  // Baseline 8 the day before the first dose; R = 4, so a total of 8 + 4 = 12 or more is deteriorated.
  const baseline = (): Assessment => aScore('gad7', -1, 8, { id: 'base' });

  it('11 (+3, just below R) raises nothing', () => {
    expect(run([baseline(), aScore('gad7', 7, 11)])).toEqual([]);
  });

  it('12 (+4, exactly R) raises a warning keyed by the assessment, with the baseline in its evidence', () => {
    const findings = run([baseline(), aScore('gad7', 7, 12, { id: 'a12' })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'reliable-deterioration',
      severity: 'warning',
      episodeKey: 'assessment:a12',
      raisedAt: day(7),
      evidence: {
        values: {
          instrument: 'gad7',
          baselineTotal: 8,
          baselineAssessmentId: 'base',
          total: 12,
          change: 4,
          reliableChange: 4,
        },
      },
    });
    expect(findings[0]?.evidence.summary).toBe(
      'GAD-7 rose from 8 (baseline, 4 Jan 2026) to 12 on 12 Jan 2026: +4 points, at least the reliable-change threshold of 4.',
    );
  });

  it('13 (+5, above R) raises one', () => {
    expect(run([baseline(), aScore('gad7', 7, 13)])).toHaveLength(1);
  });

  it('consecutive deteriorated scores are one episode; a score back below R ends it; the next rise is a new one', () => {
    // Totals after dose: 12 (+4), 14 (+6), 9 (+1, ends the run), 12 (+4) → episodes starting at a and d.
    const findings = run([
      baseline(),
      aScore('gad7', 3, 12, { id: 'a' }),
      aScore('gad7', 7, 14, { id: 'b' }),
      aScore('gad7', 14, 9, { id: 'c' }),
      aScore('gad7', 21, 12, { id: 'd' }),
    ]);
    expect(findings.map((f) => f.episodeKey)).toEqual(['assessment:a', 'assessment:d']);
    expect(findings[0]?.evidence.values.assessments).toEqual([
      { id: 'a', completedAt: day(3), total: 12, change: 4 },
      { id: 'b', completedAt: day(7), total: 14, change: 6 },
    ]);
  });

  it('keeps the first key when later questionnaires arrive (no duplicate alert on re-run)', () => {
    const early = [baseline(), aScore('gad7', 3, 12, { id: 'a' })];
    const later = [...early, aScore('gad7', 7, 15, { id: 'b' })];
    expect(run(early).map((f) => f.episodeKey)).toEqual(run(later).map((f) => f.episodeKey));
  });
});

describe('the baseline follows docs/outcomes.md', () => {
  it('is the last complete score at or before t1: a score at the dose instant is the baseline, not a follow-up', () => {
    // Scores 5 (day −2) and 8 (at t1, the dose instant): the baseline is 8. A later 11 is +3 against 8 (nothing);
    // had the day −2 score been taken as baseline it would be +6 (deteriorated).
    expect(run([aScore('gad7', -2, 5), aScore('gad7', 0, 8), aScore('gad7', 7, 11)])).toEqual([]);
  });

  it('may lie 14 days before t1 but not 14 days and a minute', () => {
    const atEdge = [aScore('gad7', -14, 8), aScore('gad7', 7, 12)];
    const beyond = [aScore('gad7', -14 - 1 / 1440, 8), aScore('gad7', 7, 12)];
    expect(run(atEdge)).toHaveLength(1);
    expect(run(beyond)).toEqual([]);
  });

  it("uses the clinic's baseline window", () => {
    const history = [aScore('gad7', -20, 8), aScore('gad7', 7, 12)];
    expect(run(history, [0], settingsWith({ baselineWindowDays: 21 }))).toHaveLength(1);
  });

  it('ignores incomplete questionnaires, as baseline and as follow-up', () => {
    const incomplete = anAssessment({ instrument: 'gad7', answers: [3, 3, 3, 3, 3, null, 0], completedAt: day(7) });
    expect(incomplete.complete).toBe(false);
    expect(run([aScore('gad7', -1, 8), incomplete])).toEqual([]);
  });

  it('without doses there is no t1 and so no baseline', () => {
    expect(run([aScore('gad7', -1, 8), aScore('gad7', 7, 20)], [])).toEqual([]);
  });
});

describe('every instrument with a reliable-change threshold', () => {
  it('PHQ-9 (R = 6): baseline 5 → 10 (+5) nothing, → 11 (+6) a finding', () => {
    expect(run([aScore('phq9', -1, 5), aScore('phq9', 7, 10)])).toEqual([]);
    expect(run([aScore('phq9', -1, 5), aScore('phq9', 7, 11)])[0]?.evidence.values).toMatchObject({
      instrument: 'phq9',
      change: 6,
    });
  });

  it('HAM-A has no threshold: a rise of 20 raises nothing', () => {
    expect(run([aScore('hama', -1, 10), aScore('hama', 7, 30)])).toEqual([]);
  });

  it('checks each instrument against its own baseline', () => {
    // GAD-7 8 → 12 (+4) and PHQ-9 5 → 11 (+6): one finding each.
    const findings = run([aScore('gad7', -1, 8), aScore('phq9', -1, 5), aScore('gad7', 7, 12), aScore('phq9', 7, 11)]);
    expect(findings.map((f) => f.evidence.values.instrument)).toEqual(['gad7', 'phq9']);
  });
});
