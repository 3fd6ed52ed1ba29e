import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OnsetError } from '../shared/errors.js';
import { DAY_MS } from '../shared/time.js';
import { DEFAULT_SAFETY_SETTINGS } from './settings.js';
import {
  aDose,
  aHistory,
  aMedication,
  aScore,
  anAdverseEvent,
  anAssessment,
  day,
  dosesOnDays,
  T0,
} from './test-builders.js';
import { RULE_IDS, SAFETY_RULES, evaluateSafety, type SafetyHistory } from './index.js';

/** A history that trips most rules once; every expected finding is listed in the test below. */
function busyHistory(): SafetyHistory {
  return aHistory({
    doses: [
      aDose({ id: 'first', givenAt: day(0), systolicBefore: 150, diastolicBefore: 85 }),
      aDose({ id: 'second', givenAt: day(7), systolicAfter: 185, diastolicAfter: 95, observationMinutes: 90 }),
    ],
    assessments: [
      aScore('gad7', -1, 8, { id: 'baseline' }),
      aScore('gad7', 3, 12, { id: 'worse' }),
      anAssessment({ id: 'item9', instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1], completedAt: day(5) }),
      anAssessment({ id: 'bladder', instrument: 'urinary', answers: [0, 2, 0, 0, 0], completedAt: day(6) }),
    ],
    adverseEvents: [anAdverseEvent({ id: 'cystitis', onsetAt: day(8) })],
    medications: [aMedication({ id: 'benzo', startedOn: '2026-01-10' })],
    now: new Date(T0 + 20 * DAY_MS),
  });
}

describe('the rule set', () => {
  it('has one rule per id, in RULE_IDS order', () => {
    expect(SAFETY_RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
  });

  it('documents every rule: a title, a rationale and a source', () => {
    for (const rule of SAFETY_RULES) {
      expect(rule.title.length, rule.id).toBeGreaterThan(0);
      expect(rule.rationale.length, rule.id).toBeGreaterThan(20);
      expect(rule.source.length, rule.id).toBeGreaterThan(20);
    }
  });
});

describe('evaluateSafety', () => {
  it('finds nothing in an empty history', () => {
    expect(evaluateSafety(aHistory(), DEFAULT_SAFETY_SETTINGS)).toEqual([]);
  });

  it('finds nothing for an uneventful dose followed up in time', () => {
    const history = aHistory({
      doses: [
        aDose({ givenAt: day(0), systolicBefore: 130, diastolicBefore: 80, systolicAfter: 138, diastolicAfter: 85 }),
      ],
      assessments: [aScore('gad7', -1, 12), aScore('gad7', 1, 5)],
    });
    expect(evaluateSafety(history, DEFAULT_SAFETY_SETTINGS)).toEqual([]);
  });

  it('puts urgent findings first, then warnings, then info, each by raisedAt', () => {
    const findings = evaluateSafety(busyHistory(), DEFAULT_SAFETY_SETTINGS);
    expect(findings.map((f) => [f.severity, f.rule, f.episodeKey])).toEqual([
      // urgent: item 9 on day 5, post-dose 185/95 on day 7 (≥ 180)
      ['urgent', 'suicidality', 'assessment:item9'],
      ['urgent', 'bp-post-dose', 'dose:second'],
      // warnings by time: pre-dose 150/85 (day 0), GAD-7 8 → 12 (day 3), urinary check (day 6),
      // 90-minute intranasal observation (day 7), a benzodiazepine started 2026-01-10 with dose 2 on 2026-01-12 (day
      // 7),
      // the urinary adverse event (day 8), no questionnaire since dose 2 by day 15 (its deadline)
      ['warning', 'bp-pre-dose', 'dose:first'],
      ['warning', 'reliable-deterioration', 'assessment:worse'],
      ['warning', 'urinary-symptoms', 'assessment:bladder'],
      ['warning', 'sedative-on-dose-day', 'dose:second'],
      ['warning', 'short-observation', 'dose:second'],
      ['warning', 'urinary-symptoms', 'ae:cystitis'],
      ['warning', 'missed-follow-up', 'dose:second'],
    ]);
  });

  it('gives the same findings, in the same order, whatever order the records come in (property)', () => {
    const history = busyHistory();
    const expected = evaluateSafety(history, DEFAULT_SAFETY_SETTINGS);
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...history.doses], { minLength: history.doses.length }),
        fc.shuffledSubarray([...history.assessments], { minLength: history.assessments.length }),
        (doses, assessments) => {
          expect(evaluateSafety({ ...history, doses, assessments }, DEFAULT_SAFETY_SETTINGS)).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("episode keys are stable: adding later records never changes an earlier finding's key", () => {
    const before = evaluateSafety(busyHistory(), DEFAULT_SAFETY_SETTINGS);
    const history = busyHistory();
    const later: SafetyHistory = {
      ...history,
      doses: [...history.doses, ...dosesOnDays([30, 33])],
      assessments: [...history.assessments, aScore('gad7', 31, 13)],
      now: new Date(T0 + 60 * DAY_MS),
    };
    const keys = new Set(evaluateSafety(later, DEFAULT_SAFETY_SETTINGS).map((f) => `${f.rule} ${f.episodeKey}`));
    for (const finding of before)
      expect(keys.has(`${finding.rule} ${finding.episodeKey}`), finding.episodeKey).toBe(true);
  });

  it('refuses an unknown clinic time zone, naming the field', () => {
    expect(() => evaluateSafety(aHistory({ timeZone: 'Mars/Olympus' }), DEFAULT_SAFETY_SETTINGS)).toThrow(OnsetError);
    expect(() => evaluateSafety(aHistory({ timeZone: 'Mars/Olympus' }), DEFAULT_SAFETY_SETTINGS)).toThrow(
      /^timeZone: /,
    );
  });

  it("every finding carries a summary, values, a definition and the rule's source", () => {
    for (const finding of evaluateSafety(busyHistory(), DEFAULT_SAFETY_SETTINGS)) {
      const rule = SAFETY_RULES.find((r) => r.id === finding.rule);
      expect(finding.evidence.source).toBe(rule?.source);
      expect(finding.evidence.summary.length).toBeGreaterThan(10);
      expect(finding.evidence.definition.length).toBeGreaterThan(10);
      expect(JSON.parse(JSON.stringify(finding.evidence.values))).toEqual(finding.evidence.values);
    }
  });
});
