import { describe, expect, it } from 'vitest';
import { resolutionProblems, type ResolvedAlertFacts } from './resolution.js';

const suicidality: ResolvedAlertFacts = { rule: 'suicidality', severity: 'urgent', cssrsSinceRaised: false };
const highBp: ResolvedAlertFacts = { rule: 'bp-post-dose', severity: 'urgent', cssrsSinceRaised: false };
const craving: ResolvedAlertFacts = { rule: 'craving', severity: 'warning', cssrsSinceRaised: false };
const NOTE = 'Called the patient; safety plan reviewed.';

const fields = (
  facts: ResolvedAlertFacts,
  comment: string | null,
  followUp: Parameters<typeof resolutionProblems>[1]['followUp'],
): string[] => resolutionProblems(facts, { comment, followUp }).map((p) => p.field);

describe('closing an alert', () => {
  it('a warning closes without a note or follow-up', () => {
    expect(fields(craving, null, null)).toEqual([]);
  });

  it('an urgent alert needs both a note and the follow-up taken', () => {
    expect(fields(highBp, null, null)).toEqual(['comment', 'followUp']);
    expect(fields(highBp, 'ok', 'clinical-review')).toEqual(['comment']);
    expect(fields(highBp, '          ', 'clinical-review')).toEqual(['comment']);
    expect(fields(highBp, NOTE, null)).toEqual(['followUp']);
    expect(fields(highBp, NOTE, 'clinical-review')).toEqual([]);
  });

  it('a suicidality alert closes only after a screen, a contact or an emergency referral', () => {
    expect(fields(suicidality, NOTE, 'clinical-review')).toEqual(['followUp']);
    expect(fields(suicidality, NOTE, 'patient-contacted')).toEqual([]);
    expect(fields(suicidality, NOTE, 'emergency-referral')).toEqual([]);
  });

  it('a C-SSRS screen counts only when one was recorded since the alert was raised', () => {
    const [problem] = resolutionProblems(suicidality, { comment: NOTE, followUp: 'cssrs-screen' });
    expect(problem).toEqual({
      field: 'followUp',
      reason: expect.stringContaining('no C-SSRS screen has been recorded') as unknown,
    });
    expect(fields({ ...suicidality, cssrsSinceRaised: true }, NOTE, 'cssrs-screen')).toEqual([]);
  });
});
