import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { captureIo } from '../io.js';
import { registerOutcomesCommands } from './outcomes.js';

async function run(input: unknown, ...flags: string[]): Promise<string> {
  const io = captureIo(typeof input === 'string' ? input : JSON.stringify(input));
  const program = new Command().exitOverride();
  registerOutcomesCommands(program, io);
  await program.parseAsync(['node', 'onset', 'outcomes', '-', ...flags]);
  return io.stdout();
}

// Baseline 16 (Jan 4) → response ≤ 8. Dose Jan 5 10:00 ($500). 14:00: answers summing to 6 (R);
// Jan 6 10:00: 7 (R); Jan 8 10:00: 12 (not R: relief lost 3 days after the dose).
const EXAMPLE = {
  instrument: 'gad7',
  doses: [{ at: '2026-01-05T10:00:00Z', priceUsd: 500 }],
  assessments: [
    { at: '2026-01-04T09:00:00Z', total: 16 },
    { at: '2026-01-05T14:00:00Z', answers: [1, 1, 1, 1, 1, 1, 0] },
    { at: '2026-01-06T11:00:00+01:00', total: 7 },
    { at: '2026-01-08T10:00:00Z', total: 12 },
  ],
  defaultPriceUsd: null,
  options: { baselineWindowDays: 14, coverageCapDays: 7 },
};

describe('onset outcomes --json', () => {
  it('prints exactly the documented keys with hand-worked values', async () => {
    const out = JSON.parse(await run(EXAMPLE, '--json')) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([
      'instrument',
      'baseline',
      'assessments',
      'onset',
      'reliefEpisodes',
      'coverage',
      'inResponseDays',
      'dosesPer30Days',
      'maxDosesIn30Days',
      'costToDate',
      'costPerReliefDay',
      'tolerance',
    ]);
    expect(out.baseline).toEqual({ at: '2026-01-04T09:00:00.000Z', total: 16 });
    expect(out.assessments).toEqual([
      {
        at: '2026-01-04T09:00:00.000Z',
        total: 16,
        change: null,
        percentChange: null,
        response: null,
        remission: null,
        reliable: null,
      },
      {
        at: '2026-01-05T14:00:00.000Z',
        total: 6,
        change: -10,
        percentChange: -62.5,
        response: true,
        remission: false,
        reliable: 'improved',
      },
      // +01:00 offset → 10:00 UTC. 7 − 16 = −9 → −56.25%.
      {
        at: '2026-01-06T10:00:00.000Z',
        total: 7,
        change: -9,
        percentChange: -56.25,
        response: true,
        remission: false,
        reliable: 'improved',
      },
      // 12 − 16 = −4: not a response (12 > 8) but exactly the reliable-change threshold.
      {
        at: '2026-01-08T10:00:00.000Z',
        total: 12,
        change: -4,
        percentChange: -25,
        response: false,
        remission: false,
        reliable: 'improved',
      },
    ]);
    expect(out.onset).toEqual({ hours: 4, days: 4 / 24, doses: 1 });
    expect(out.reliefEpisodes).toEqual([{ dose: 1, days: 3, censored: false }]);
    // Intervals 14:00 → Jan 6 10:00 (20 h, R) and → Jan 8 10:00 (48 h, R): coverage 1, 68 h = 2.8333 days.
    expect(out.coverage).toBe(1);
    expect(out.inResponseDays).toBeCloseTo(68 / 24, 12);
    expect(out.dosesPer30Days).toBeNull();
    expect(out.maxDosesIn30Days).toBe(1);
    expect(out.costToDate).toBe(500);
    expect(out.costPerReliefDay).toBeCloseTo(500 / (68 / 24), 9);
    expect(out.tolerance).toEqual({
      durationSlope: null,
      durationLower: null,
      durationUpper: null,
      depthSlope: null,
      depthLower: null,
      depthUpper: null,
      flag: null,
    });
  });

  it('accepts a file without the optional fields and shows an incomplete questionnaire unscored', async () => {
    const out = JSON.parse(
      await run(
        {
          instrument: 'gad7',
          doses: [{ at: '2026-01-05T10:00:00Z' }],
          assessments: [
            { at: '2026-01-04T09:00:00Z', total: 16 },
            { at: '2026-01-05T14:00:00Z', answers: [1, 1, null, 1, 1, 1, 0] },
          ],
        },
        '--json',
      ),
    ) as { assessments: { total: unknown; response: unknown }[]; costToDate: unknown };
    expect(out.assessments[1]).toMatchObject({ total: null, response: null });
    expect(out.costToDate).toBeNull();
  });
});

describe('onset outcomes (summary)', () => {
  it('explains each number', async () => {
    const text = await run(EXAMPLE);
    expect(text).toContain('GAD-7 outcomes (response ≥ 50% drop, remission ≤ 4, reliable change 4 points)');
    expect(text).toContain('Baseline: 16 on 2026-01-04 09:00 UTC');
    expect(text).toContain('Onset: 4.0 hours (0.17 days) after the first dose, after 1 dose');
    expect(text).toContain('  dose 1: 3.0 days, relief lost');
    expect(text).toContain('Relief coverage: 100.0%');
    expect(text).toContain('Cost per relief-day: $176.47');
    expect(text).toContain('Tolerance signal: not computed (needs 4 relief episodes, has 1)');
    expect(text).toContain('  Change: Score minus baseline');
    expect(text).toContain('  2026-01-04 09:00 UTC   16  baseline');
    expect(text).toContain('  2026-01-05 14:00 UTC    6  -10 (-63%)  R reliably improved');
  });
});

describe('onset outcomes: bad input', () => {
  const refused = async (input: unknown): Promise<string> => {
    try {
      await run(input, '--json');
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    throw new Error('expected the input to be refused');
  };

  it('names the JSON path of a bad time', async () => {
    const input = { ...EXAMPLE, assessments: [...EXAMPLE.assessments, { at: '2026-02-30T10:00:00Z', total: 3 }] };
    expect(await refused(input)).toContain('assessments[4].at: not an ISO-8601 date-time');
  });

  it('asks for a total or answers', async () => {
    const input = { ...EXAMPLE, assessments: [EXAMPLE.assessments[0], { at: '2026-01-06T10:00:00Z' }] };
    expect(await refused(input)).toBe('assessments[1]: give total or answers');
  });

  it('lists the known instruments for an unknown one', async () => {
    expect(await refused({ ...EXAMPLE, instrument: 'xyz' })).toMatch(
      /^instrument: unknown instrument "xyz" \(known: gad7, phq9, /,
    );
  });

  it('names an answer out of range and a total out of range, all at once', async () => {
    const input = {
      ...EXAMPLE,
      assessments: [
        { at: '2026-01-04T09:00:00Z', total: 22 },
        { at: '2026-01-05T14:00:00Z', answers: [1, 1, 4, 1, 1, 1, 0] },
      ],
    };
    const message = await refused(input);
    expect(message).toContain('assessments[0].total: 22 is not a whole number from 0 to 21 (GAD-7)');
    expect(message).toContain('assessments[1].answers.3: 4 is outside 0–3');
  });

  it('refuses unknown fields and bad prices', async () => {
    const message = await refused({
      ...EXAMPLE,
      doses: [{ at: '2026-01-05T10:00:00Z', priceUSD: 500 }],
      defaultPriceUsd: -1,
    });
    expect(message).toContain('doses[0].priceUSD: is not a known field (allowed: at, priceUsd)');
    expect(message).toContain('defaultPriceUsd: -1 is not a price in US dollars ≥ 0 (or null)');
  });

  it('refuses text that is not JSON, and a missing file', async () => {
    expect(await refused('{ not json')).toMatch(/^file: - is not valid JSON/);
    const io = captureIo();
    const program = new Command().exitOverride();
    registerOutcomesCommands(program, io);
    await expect(program.parseAsync(['node', 'onset', 'outcomes', '/nonexistent/onset.json'])).rejects.toThrow(
      'file: /nonexistent/onset.json does not exist',
    );
  });
});
