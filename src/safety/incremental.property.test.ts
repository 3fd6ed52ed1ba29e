// A write that appends a dose or a questionnaire evaluates the safety rules with `changedFrom` set to the
// new record's time (types.ts SafetyHistory): rules may then skip what they raised before. For random
// histories written one record at a time, the alerts raised that way must be exactly those a full
// evaluation from scratch raises after each write: same rule, episode, severity and time, at every step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateSafety } from './index.js';
import { aCourse, aDose, aHistory, aScore, anAssessment, settingsWith, T0 } from './test-builders.js';
import { histories, timesOf, type Event } from './fixtures.js';
import type { Finding, SafetyHistory } from './types.js';

const settings = settingsWith({ maxDosesIn30Days: 4, cravingThreshold: 7, cravingRisingCount: 3 });
const byTime = (at: string, id: string, otherAt: string, otherId: string): number =>
  at < otherAt ? -1 : at > otherAt ? 1 : id < otherId ? -1 : id > otherId ? 1 : 0;
const key = (f: Finding): string => `${f.rule} ${f.episodeKey} ${f.severity} ${f.raisedAt}`;

/**
 * The records of `events`, one history per write: each the one before plus the new record, and its time.
 * A backdated record goes in among the earlier ones, in the order the database lists them (by time, then id).
 */
function writes(events: readonly Event[]): { history: SafetyHistory; at: string }[] {
  const course = aCourse({ id: 'course-1', primaryInstrument: 'gad7', startedAt: new Date(T0).toISOString() });
  let history = aHistory({ courses: [course] });
  const times = timesOf(events, T0);
  return events.map((e, i) => {
    const at = new Date(times[i]!.datedAt).toISOString();
    const id = `r-${String(i).padStart(3, '0')}`;
    if (e.kind === 'dose')
      history = {
        ...history,
        doses: [
          ...history.doses,
          aDose({
            id,
            givenAt: at,
            systolicBefore: e.systolic,
            diastolicBefore: 80,
            observationMinutes: e.observation,
          }),
        ],
      };
    else {
      const record =
        e.kind === 'score'
          ? aScore(e.instrument, 0, e.total, {
              id,
              completedAt: at,
              courseId: 'course-1',
            })
          : e.kind === 'phq9'
            ? anAssessment({ id, instrument: 'phq9', completedAt: at, answers: [1, 1, 1, 1, 1, 1, 1, 1, e.item9] })
            : anAssessment({ id, instrument: 'urinary', completedAt: at, answers: [e.worst, 0, 0, 0, 0] });
      history = { ...history, assessments: [...history.assessments, record] };
    }
    history = {
      ...history,
      doses: [...history.doses].sort((a, b) => byTime(a.givenAt, a.id, b.givenAt, b.id)),
      assessments: [...history.assessments].sort((a, b) => byTime(a.completedAt, a.id, b.completedAt, b.id)),
      now: new Date(times[i]!.writtenAt + 60_000),
    };
    return { history, at };
  });
}

describe('safety rules evaluated from the change', () => {
  it('raise after every write exactly what a full evaluation raises', () => {
    const raised = new Map<string, number>();
    fc.assert(
      fc.property(histories, (events) => {
        const full = new Set<string>();
        const incremental = new Set<string>();
        for (const { history, at } of writes(events)) {
          const fromScratch = evaluateSafety(history, settings).filter((f) => !full.has(`${f.rule} ${f.episodeKey}`));
          const fromChange = evaluateSafety({ ...history, changedFrom: at }, settings).filter(
            (f) => !incremental.has(`${f.rule} ${f.episodeKey}`),
          );
          expect(fromChange.map(key).sort()).toEqual(fromScratch.map(key).sort());
          for (const f of fromScratch) full.add(`${f.rule} ${f.episodeKey}`);
          for (const f of fromChange) incremental.add(`${f.rule} ${f.episodeKey}`);
          for (const f of fromScratch) raised.set(f.rule, (raised.get(f.rule) ?? 0) + 1);
        }
      }),
      // A fixed seed: the same 150 histories on every run, among them firings of every rule checked below
      // (with a random seed, one run in many drew no missed follow-up and failed the check below).
      { numRuns: 150, seed: 22 },
    );
    // The property was tested where it matters: the rules that skip work did fire, and so did the others.
    expect(raised.get('tolerance') ?? 0).toBeGreaterThan(0);
    expect(raised.get('reliable-deterioration') ?? 0).toBeGreaterThan(0);
    expect(raised.get('craving') ?? 0).toBeGreaterThan(0);
    expect(raised.get('missed-follow-up') ?? 0).toBeGreaterThan(0);
  });
});
