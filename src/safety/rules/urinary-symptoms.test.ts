import { describe, expect, it } from 'vitest';
import { aHistory, anAdverseEvent, anAssessment, day } from '../test-builders.js';
import { DEFAULT_SAFETY_SETTINGS } from '../settings.js';
import type { AdverseEvent } from '../../adverse-events/adverse-event.schema.js';
import type { Assessment } from '../../assessments/assessment.schema.js';
import { urinarySymptoms } from './urinary-symptoms.js';

const run = (assessments: Assessment[], adverseEvents: AdverseEvent[] = []) =>
  urinarySymptoms.evaluate(aHistory({ assessments, adverseEvents }), DEFAULT_SAFETY_SETTINGS);
const check = (answers: (number | null)[], id: string, days = 3): Assessment =>
  anAssessment({ id, instrument: 'urinary', answers, completedAt: day(days) });

describe('urinary check: any item moderate (2) or worse', () => {
  it('every item mild (1) raises nothing', () => {
    expect(run([check([1, 1, 1, 1, 1], 'mild')])).toEqual([]);
  });

  it('one item moderate (2, urgency) is a warning prompting a urology referral', () => {
    const [finding] = run([check([0, 2, 0, 0, 0], 'u1')]);
    expect(finding).toMatchObject({
      rule: 'urinary-symptoms',
      severity: 'warning',
      episodeKey: 'assessment:u1',
      raisedAt: day(3),
      evidence: { values: { assessmentId: 'u1', items: { '2': 2 } } },
    });
    expect(finding?.evidence.summary).toBe(
      'Urinary check on 8 Jan 2026: item(s) 2 moderate or worse. Consider urology referral.',
    );
  });

  it('severe (3) blood in urine raises one too', () => {
    expect(run([check([0, 0, 0, 3, 0], 'blood')]).map((f) => f.episodeKey)).toEqual(['assessment:blood']);
  });

  it('a positive item on an incomplete check counts', () => {
    expect(run([check([null, null, 2, null, null], 'partial')])).toHaveLength(1);
  });

  it('positive checks in a row are one episode; a check with everything below moderate ends it', () => {
    const findings = run([
      check([2, 0, 0, 0, 0], 'a', 1),
      check([2, 2, 0, 0, 0], 'b', 8),
      check([1, 0, 0, 0, 0], 'c', 15),
      check([0, 0, 2, 0, 0], 'd', 22),
    ]);
    expect(findings.map((f) => f.episodeKey)).toEqual(['assessment:a', 'assessment:d']);
  });

  it('an incomplete check with nothing positive neither ends nor starts an episode', () => {
    const findings = run([
      check([2, 0, 0, 0, 0], 'a', 1),
      check([1, null, 0, 0, 0], 'gap', 8),
      check([2, 0, 0, 0, 0], 'c', 15),
    ]);
    expect(findings.map((f) => f.episodeKey)).toEqual(['assessment:a']);
  });
});

describe('urinary adverse events', () => {
  it("any urinary adverse event is its own episode; other categories are not this rule's", () => {
    const findings = run(
      [],
      [anAdverseEvent({ id: 'e1', onsetAt: day(4), grade: 1 }), anAdverseEvent({ id: 'e2', category: 'nausea' })],
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ episodeKey: 'ae:e1', raisedAt: day(4), severity: 'warning' });
    expect(findings[0]?.evidence.summary).toBe(
      'Urinary adverse event, grade 1, began 9 Jan 2026. Consider urology referral.',
    );
  });

  it('says when a referral is already recorded', () => {
    const [finding] = run([], [anAdverseEvent({ id: 'e3', action: 'urology-referral' })]);
    expect(finding?.evidence.summary).toContain('(urology referral recorded)');
  });
});
