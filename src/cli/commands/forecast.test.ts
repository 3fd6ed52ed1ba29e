import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { captureIo } from '../io.js';
import { registerForecastCommands } from './forecast.js';
import { DAY_MS } from '../../shared/time.js';

async function run(input: unknown, ...flags: string[]): Promise<string> {
  const io = captureIo(typeof input === 'string' ? input : JSON.stringify(input));
  const program = new Command().exitOverride();
  registerForecastCommands(program, io);
  await program.parseAsync(['node', 'onset', 'forecast', '-', ...flags]);
  return io.stdout();
}

const day = (d: number): string => new Date(Date.UTC(2026, 0, 5, 10) + d * DAY_MS).toISOString();

/**
 * Made-up (synthetic) patients on GAD-7, baseline 18 the day before dose 1 (≤ 9 responds). 24 patients
 * whose relief after each of two doses ended between day 3 and day 7, or between day 1 and day 3; one
 * patient in relief 2 days after dose 2; one who has not responded to two doses.
 */
function cohort(): unknown {
  const patient = (id: string, doses: number[], scores: [number, number][]): unknown => ({
    id,
    conditions: ['gad'],
    instrument: 'gad7',
    doses: doses.map((d) => ({ at: day(d), route: 'iv' })),
    assessments: [{ at: day(-1), total: 18 }, ...scores.map(([d, total]) => ({ at: day(d), total }))],
  });
  const patients = Array.from({ length: 24 }, (_, i) => {
    const lostBy = i % 2 === 0 ? 7 : 3;
    const held = lostBy === 7 ? 3 : 1;
    return patient(
      `p${i}`,
      [0, 10],
      [
        [0.5, 6],
        [held, 7],
        [lostBy, 16],
        [10.5, 6],
        [10 + held, 7],
        [10 + lostBy, 16],
      ],
    );
  });
  patients.push(
    patient(
      'in-relief',
      [0, 10],
      [
        [0.5, 6],
        [3, 7],
        [7, 16],
        [10.5, 6],
        [12, 7],
      ],
    ),
  );
  patients.push(
    patient(
      'no-response',
      [0, 10],
      [
        [1, 15],
        [11, 16],
      ],
    ),
  );
  return { patients };
}

describe('onset forecast', () => {
  it('prints each patient in the documented shape: relief while in relief, why not otherwise, keep going? before a response', async () => {
    const out = JSON.parse(await run(cohort(), '--json')) as { patients: Record<string, unknown>[] };
    expect(out.patients).toHaveLength(26);
    const byId = new Map(out.patients.map((p) => [p.id, p]));
    const inRelief = byId.get('in-relief') as { relief: Record<string, number | string> };
    expect(Object.keys(inRelief.relief).sort()).toEqual([
      'basis',
      'lowerDays',
      'medianDays',
      'pStill14',
      'pStill7',
      'remainingMedianDays',
      'upperDays',
    ]);
    expect(inRelief.relief.basis).toBe('patient');
    // Every episode in the file ended between day 1 and day 7, so the median lies there too.
    expect(inRelief.relief.medianDays).toBeGreaterThan(1);
    expect(inRelief.relief.medianDays).toBeLessThan(7);
    expect(inRelief.relief.pStill14).toBeLessThanOrEqual(inRelief.relief.pStill7 as number);
    expect(inRelief.relief.pStill7).toBeLessThan(0.5);
    const ended = byId.get('p0') as { relief: unknown; reliefNote: string; keepGoing: unknown };
    expect(ended.relief).toBeNull();
    expect(ended.reliefNote).toMatch(/Relief after dose 2 has ended/);
    expect(ended.keepGoing).toBeNull();
    // Only one patient is still without a response after 2 doses: too few for a figure, and it says so.
    const waiting = byId.get('no-response') as { keepGoing: unknown; keepGoingNote: string; reliefNote: string };
    expect(waiting.keepGoing).toBeNull();
    expect(waiting.keepGoingNote).toMatch(/Too few patients \(n = 1\)/);
    expect(waiting.reliefNote).toMatch(/not in relief/);
  });

  it('prints a readable summary without --json', async () => {
    const text = await run(cohort());
    expect(text).toMatch(/in-relief\n {2}relief after the latest dose: median \d+\.\d days \(80% interval/);
  });

  it('names a bad distribution and a bad file field', async () => {
    await expect(run(cohort(), '--distribution', 'gamma')).rejects.toThrow(/distribution.*lognormal, weibull/);
    await expect(run({ patients: [{ instrument: 'gad7', doses: [{ at: 'soon' }], assessments: [] }] })).rejects.toThrow(
      /patients\[0\]\.doses\[0\]\.at/,
    );
  });
});
