import { describe, expect, it } from 'vitest';
import { aHistory, anAssessment, day } from '../test-builders.js';
import { DEFAULT_SAFETY_SETTINGS } from '../settings.js';
import type { Assessment } from '../../assessments/assessment.schema.js';
import { suicidality } from './suicidality.js';

const run = (assessments: Assessment[]) => suicidality.evaluate(aHistory({ assessments }), DEFAULT_SAFETY_SETTINGS);
const phq9 = (item9: number | null, id: string, other: number | null = 1): Assessment =>
  anAssessment({ id, instrument: 'phq9', answers: [1, 1, other, 1, 1, 1, 1, 1, item9], completedAt: day(3) });

describe('PHQ-9 item 9 (Kroenke 2001)', () => {
  it('0 raises nothing', () => {
    expect(run([phq9(0, 'p0')])).toEqual([]);
  });

  it('1 ("several days", the lowest positive answer) is urgent, keyed by the assessment', () => {
    expect(run([phq9(1, 'p1')])).toEqual([
      expect.objectContaining({
        rule: 'suicidality',
        severity: 'urgent',
        episodeKey: 'assessment:p1',
        raisedAt: day(3),
        evidence: expect.objectContaining({
          values: { instrument: 'phq9', assessmentId: 'p1', completedAt: day(3), item9: 1 },
        }) as unknown,
      }),
    ]);
  });

  it('3 is urgent too', () => {
    expect(run([phq9(3, 'p3')])[0]?.severity).toBe('urgent');
  });

  it('counts on an incomplete form: a missing item 3 cannot undo a positive item 9', () => {
    const form = phq9(2, 'partial', null);
    expect(form.complete).toBe(false);
    expect(run([form]).map((f) => f.episodeKey)).toEqual(['assessment:partial']);
  });

  it('every positive questionnaire is its own episode', () => {
    expect(run([phq9(1, 'a'), phq9(0, 'b'), phq9(2, 'c')]).map((f) => f.episodeKey)).toEqual([
      'assessment:a',
      'assessment:c',
    ]);
  });
});

describe('C-SSRS screener (Posner 2011)', () => {
  const cssrs = (answers: Record<string, number>, id: string): Assessment =>
    anAssessment({ id, instrument: 'cssrs', answers, completedAt: day(5) });

  it('low risk (yes to 1 and 2 only) raises nothing', () => {
    expect(run([cssrs({ '1': 1, '2': 1, '3': 0, '4': 0, '5': 0, '6': 0 }, 'low')])).toEqual([]);
  });

  it('moderate risk (yes to 3) is urgent', () => {
    const findings = run([cssrs({ '1': 1, '2': 1, '3': 1, '4': 0, '5': 0, '6': 0 }, 'mod')]);
    expect(findings.map((f) => [f.severity, f.episodeKey, f.evidence.values.risk])).toEqual([
      ['urgent', 'assessment:mod', 'moderate'],
    ]);
  });

  it('moderate risk from lifetime behaviour only (6 yes, 6b no)', () => {
    expect(run([cssrs({ '1': 0, '2': 0, '6': 1, '6b': 0 }, 'life')])[0]?.evidence.values.risk).toBe('moderate');
  });

  it('high risk (yes to 4) is urgent', () => {
    expect(run([cssrs({ '1': 1, '2': 1, '3': 1, '4': 1, '5': 0, '6': 0 }, 'high')])[0]?.evidence.values.risk).toBe(
      'high',
    );
  });

  it('reads the answers even when the stored band and flags say nothing', () => {
    const stale = { ...cssrs({ '1': 1, '2': 1, '3': 0, '4': 0, '5': 1, '6': 0 }, 'stale'), band: 'none', flags: [] };
    expect(run([stale])[0]?.evidence.values.risk).toBe('high');
  });

  it('no questionnaires, no findings', () => {
    expect(run([])).toEqual([]);
  });
});
