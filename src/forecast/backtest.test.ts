import { describe, expect, it } from 'vitest';
import { Random } from '../synthetic/random.js';
import { backtestForecast, type BacktestPatient } from './backtest.js';

/**
 * A known truth: log T = log 6 + b + σ·ε with b ~ N(0, 0.6²) per patient and σ = 0.3, seen by check-ins at
 * 4 h and days 1, 2, 3, 7, 14 and cut off by the next dose at a uniform 5–21 days; each episode keeps its
 * true length.
 */
function cohort(seed: number, patients: number, perPatient: number): BacktestPatient[] {
  const random = new Random(seed);
  const checkins = [4 / 24, 1, 2, 3, 7, 14];
  const out: BacktestPatient[] = [];
  for (let i = 0; i < patients; i++) {
    const b = random.normal(0, 0.6);
    const episodes = [];
    const truthDays = [];
    for (let k = 1; k <= perPatient; k++) {
      const truth = Math.exp(Math.log(6) + b + random.normal(0, 0.3));
      const cut = random.uniform(5, 21);
      const seen = checkins.filter((c) => c < cut);
      const before = seen.filter((c) => c < truth);
      const after = seen.filter((c) => c >= truth);
      if (before.length === 0) continue;
      const base = { patientId: `p${i}`, dose: k, condition: 'gad', route: 'iv', lowerDays: Math.max(...before) };
      episodes.push({ ...base, upperDays: after.length === 0 ? null : Math.min(...after) });
      truthDays.push(truth);
    }
    out.push({ patientId: `p${i}`, episodes, truthDays });
  }
  return out;
}

describe('backtest against a known truth', () => {
  const result = backtestForecast(cohort(21, 300, 6));

  it('the 80% interval covers about 80% of true lengths', () => {
    expect(result).not.toBeNull();
    expect(result?.model.n).toBeGreaterThan(1000);
    expect(result?.model.coverage).toBeGreaterThan(0.75);
    expect(result?.model.coverage).toBeLessThan(0.85);
  });

  it("with 3 or more earlier episodes the patient's own interval is much narrower than the clinic's alone, at no loss of coverage", () => {
    const three = result?.withThreeEarlier;
    expect(three?.model.coverage ?? 0).toBeGreaterThanOrEqual((three?.cohortOnly.coverage ?? 1) - 0.05);
    expect((three?.model.meanLogWidth ?? 1) / (three?.cohortOnly.meanLogWidth ?? 1)).toBeLessThan(0.8);
  });

  it('predicted chances of relief at day 7 match what happened, bin by bin', () => {
    for (const bin of result?.reliability ?? []) {
      if (bin.n >= 50) expect(Math.abs(bin.predicted - bin.observed)).toBeLessThan(0.12);
    }
    expect(result?.reliability.length).toBeGreaterThan(3);
  });

  it('a clinic too small for a model in either fold gives no backtest', () => {
    expect(backtestForecast(cohort(22, 6, 3))).toBeNull();
  });
});
