import { describe, expect, it } from 'vitest';
import { fitAft } from './aft.js';
import { designFor, designRow } from './design.js';
import { SCALE_FLOOR } from './frailty.js';
import { getInstrument } from '../instruments/registry.js';
import { scoreAnswers } from '../instruments/score.js';
import { generatePatients } from '../synthetic/generate.js';
import { Random } from '../synthetic/random.js';
import { reliefObservations } from './episodes.js';
import { fitReliefModel } from './relief-model.js';
import type { EpisodeObservation } from './types.js';

const episode = (patientId: string, dose: number, lowerDays: number, upperDays: number | null): EpisodeObservation => ({
  patientId,
  dose,
  condition: 'gad',
  route: 'iv',
  lowerDays,
  upperDays,
});

describe('fitting the relief model on episodes that pin down no spread', () => {
  // Each of 12 patients has the same episode twice: ended in (2, 6] days for six of them, in (0.5, 2] for the
  // other six; ten more have one episode still holding at 1 day. Every episode fits inside its interval with
  // σ → 0, so without a floor the likelihood rises without end and the Newton system becomes singular.
  const episodes: EpisodeObservation[] = [];
  for (let i = 0; i < 12; i++)
    for (const dose of [1, 2])
      episodes.push(i % 2 === 0 ? episode(`a${i}`, dose, 2, 6) : episode(`a${i}`, dose, 0.5, 2));
  for (let i = 0; i < 10; i++) episodes.push(episode(`b${i}`, 2, 1, null));

  it('fits, with σ held at the floor rather than failing', () => {
    const model = fitReliefModel(episodes, { distribution: 'lognormal', frailty: true });
    expect(model).not.toBeNull();
    expect(Math.exp(model?.logScale ?? NaN)).toBeGreaterThanOrEqual(SCALE_FLOOR - 1e-12);
    expect(model?.coefficients.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(model?.frailtySd)).toBe(true);
  });
});

describe('the design', () => {
  it('leaves the dose term out when every episode follows the same dose number (its column would be all zeros)', () => {
    const same = designFor([episode('p', 2, 1, 3), episode('q', 2, 2, 4)]);
    expect(same.terms).toEqual(['(Intercept)']);
    expect(designRow(same, { condition: 'gad', route: 'iv', dose: 5 })).toEqual([1]);
    const varying = designFor([episode('p', 1, 1, 3), episode('q', 3, 2, 4)]);
    expect(varying.terms).toEqual(['(Intercept)', 'dose']);
    // Centred on the mean dose number, (1 + 3) / 2 = 2.
    expect(designRow(varying, { condition: 'gad', route: 'iv', dose: 5 })).toEqual([1, 3]);
  });
});

describe('choosing the family (distribution auto)', () => {
  // 200 patients × 3 episodes with log T = log 4 + b + 0.4·ε, b ~ N(0, 0.5²), each end seen between whole
  // days; ε standard normal (log-normal T) or standard minimum extreme value (Weibull T).
  function cohort(weibull: boolean): EpisodeObservation[] {
    const random = new Random(weibull ? 11 : 12);
    const out: EpisodeObservation[] = [];
    for (let i = 0; i < 200; i++) {
      const b = random.normal(0, 0.5);
      for (let dose = 1; dose <= 3; dose++) {
        const error = weibull ? Math.log(-Math.log(1 - random.next())) : random.normal(0, 1);
        const days = Math.exp(Math.log(4) + b + 0.4 * error);
        out.push(episode(`p${i}`, dose, Math.max(0.25, Math.floor(days)), Math.floor(days) + 1));
      }
    }
    return out;
  }

  it('keeps the family the episodes came from, and says which', () => {
    expect(fitReliefModel(cohort(true), { distribution: 'auto', frailty: true })?.distribution).toBe('weibull');
    expect(fitReliefModel(cohort(false), { distribution: 'auto', frailty: true })?.distribution).toBe('lognormal');
  });

  it('keeps the one with the higher log-likelihood of the two fits', () => {
    const data = cohort(true);
    const both = (['lognormal', 'weibull'] as const).map(
      (distribution) => fitReliefModel(data, { distribution, frailty: true })?.logLikelihood ?? -Infinity,
    );
    expect(fitReliefModel(data, { distribution: 'auto', frailty: true })?.logLikelihood).toBe(Math.max(...both));
  });
});

describe('the fixed-effects fit from a far start', () => {
  it('converges on Weibull episodes where the first Newton steps do not climb (a damped step instead)', () => {
    // A synthetic clinic's check-in episodes (300 patients, log-normal truth): from survreg-style start
    // values the Weibull information is not positive definite, and plain Newton steps stall for 100 iterations.
    const definition = { instrument: 'anxiety-vas', responseFraction: 0.5, remissionMax: null, reliableChange: null };
    const instrument = getInstrument('anxiety-vas');
    const truth = {
      distribution: 'lognormal' as const,
      medianDays: 4,
      spread: 0.4,
      frailtySd: 0.5,
      tolerancePerDose: 0,
    };
    const episodes = [
      ...generatePatients({ seed: 1, patients: 300, start: Date.UTC(2025, 0, 1), reliefTruth: truth }),
    ].flatMap((p) =>
      reliefObservations(definition, {
        patientId: p.label,
        conditions: p.conditions,
        doses: p.doses.map((d) => ({ at: d.at, priceUsd: d.priceUsd, route: d.route, setting: d.setting })),
        assessments: p.assessments
          .filter((a) => a.instrument === 'anxiety-vas')
          .map((a) => ({ at: a.at, ...scoreAnswers(instrument, a.answers) })),
        defaultPriceUsd: null,
        adverseEvents: [],
      }),
    );
    const design = designFor(episodes);
    const fit = fitAft(
      'weibull',
      {
        x: episodes.map((o) => designRow(design, o)),
        lower: episodes.map((o) => o.lowerDays),
        upper: episodes.map((o) => o.upperDays),
      },
      undefined,
      SCALE_FLOOR,
    );
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(30);
  });
});
