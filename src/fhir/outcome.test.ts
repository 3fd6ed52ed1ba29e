import { describe, expect, it } from 'vitest';
import { MAX_ISSUES, problemsOutcome } from './outcome.js';

const problems = (n: number): { field: string; reason: string }[] =>
  Array.from({ length: n }, (_, i) => ({
    field: `Bundle.entry[${i}].resource.birthDate`,
    reason: 'must be at least 1900',
  }));

describe('problemsOutcome', () => {
  it('lists every problem up to the cap', () => {
    expect(problemsOutcome(problems(100)).issue).toHaveLength(100);
  });

  it('lists the first 100 problems and one issue saying how many more there were', () => {
    expect(MAX_ISSUES).toBe(100);
    const { issue } = problemsOutcome(problems(60_000));
    expect(issue).toHaveLength(101);
    expect(issue[99]?.expression).toEqual(['Bundle.entry[99].resource.birthDate']);
    expect(issue[100]).toMatchObject({
      severity: 'information',
      code: 'informational',
      diagnostics: '59900 more problems were found and not listed (60000 in all; the first 100 are above)',
    });
  });

  it('gives a body refused as a whole no FHIRPath expression', () => {
    expect(problemsOutcome([{ field: '(body)', reason: 'is not valid JSON' }]).issue).toEqual([
      {
        severity: 'error',
        code: 'structure',
        diagnostics: 'is not valid JSON',
        details: { text: 'the body is not valid JSON' },
      },
    ]);
  });
});
