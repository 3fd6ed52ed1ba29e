// The calibration of the clinic's own past forecasts (GET /api/v1/cohort/forecast-calibration): before
// the clinic's first fit it says the fit is running rather than waiting; once fitted, its reliability
// bins and interval coverage agree with an independent computation on a small hand-built clinic; a
// researcher reads small bins as suppressed; a bad instrument is named.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import type { Engine } from '../../src/db/database.js';
import {
  fitReliefModel,
  predictEpisode,
  type CalibrationView,
  type EpisodeObservation,
} from '../../src/forecast/index.js';
import { refreshClinicForecast } from '../../src/patients/forecast-cache.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';
import { aCourse, aDose, aPatient } from '../support/builders.js';
import { describeEachEngine } from '../support/databases.js';
import { DAY_MS } from '../../src/shared/time.js';

const START = Date.parse('2026-01-05T10:00:00Z');
const DOSE_DAYS = [0, 12, 24];
const LABEL = 'suppressed (n < 11)';

/** A GAD-7 answered so that it totals `total` (items of 3 first). */
function gad7(total: number): number[] {
  return Array.from({ length: 7 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}

/**
 * Patient i's relief after each dose, as days from the dose: responding (GAD-7 6, then 7) at day 1 and at
 * `lower`, not responding (16) at `upper`; kinds cycle through (2.5, 3], (8.5, 9] and (5, 8]. Every fourth
 * patient's last episode never ends (right-censored at `lower`).
 */
function episodesOf(i: number): { lower: number; upper: number | null }[] {
  const kinds = [
    { lower: 2.5, upper: 3 },
    { lower: 8.5, upper: 9 },
    { lower: 5, upper: 8 },
  ];
  const kind = kinds[i % 3] ?? { lower: 2.5, upper: 3 };
  return DOSE_DAYS.map((_, k) =>
    k === DOSE_DAYS.length - 1 && i % 4 === 0 ? { lower: kind.lower, upper: null } : kind,
  );
}

describeEachEngine('calibration of the clinic forecast', (engine: Engine) => {
  let world: ApiWorld;
  const built: { patientId: string; episodes: EpisodeObservation[] }[] = [];

  beforeAll(async () => {
    world = await buildWorld(engine);
    const ctx = world.a;
    const at = (days: number): string => new Date(START + days * DAY_MS).toISOString();
    for (let i = 0; i < 18; i++) {
      const patient = await aPatient(ctx, { conditions: ['gad'] });
      const course = await aCourse(ctx, patient.id, { startedAt: at(-2) });
      const record = (days: number, total: number) =>
        assessmentService.create(ctx, {
          patientId: patient.id,
          courseId: course.id,
          instrument: 'gad7',
          completedAt: at(days),
          answers: gad7(total),
        });
      await record(-1, 18);
      const episodes = episodesOf(i);
      for (const [k, d] of DOSE_DAYS.entries()) {
        await aDose(ctx, patient.id, course.id, { givenAt: at(d) });
        const e = episodes[k] ?? { lower: 1, upper: null };
        await record(d + 1, 6);
        await record(d + e.lower, 7);
        if (e.upper !== null) await record(d + e.upper, 16);
      }
      built.push({
        patientId: patient.id,
        episodes: episodes.map((e, k) => ({
          patientId: patient.id,
          dose: k + 1,
          condition: 'gad',
          route: 'iv',
          lowerDays: e.lower,
          upperDays: e.upper,
        })),
      });
    }
  });

  afterAll(async () => {
    await world.close();
  });

  const get = (url: string, who: 'clinician' | 'researcher' = 'clinician') =>
    world.app.inject({ method: 'GET', url, headers: world.principals[who].headers });

  it('does not wait for the first fit: says it is being fitted', async () => {
    const response = await get('/api/v1/cohort/forecast-calibration?instrument=gad7');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'pending', instrument: 'gad7' });
    expect(response.json<{ text: string }>().text).toContain('being fitted');
  });

  it('once fitted: the bins and the coverage agree with an independent backtest of the same episodes', async () => {
    await refreshClinicForecast(world.a, 'gad7');
    const response = await get('/api/v1/cohort/forecast-calibration?instrument=gad7');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Extract<CalibrationView, { status: 'ready' }>>();

    // Independently: patients in id order, alternately in two folds; each fold forecast by a model fitted on the other.
    const patients = [...built].sort((a, b) => (a.patientId < b.patientId ? -1 : 1));
    const folds = [patients.filter((_, i) => i % 2 === 0), patients.filter((_, i) => i % 2 === 1)];
    const forecasts: { p7: number; held7: boolean | null; inside: boolean | null }[] = [];
    for (const f of [0, 1]) {
      const model = fitReliefModel(
        (folds[1 - f] ?? []).flatMap((p) => p.episodes),
        { distribution: 'lognormal', frailty: true },
      );
      expect(model).not.toBeNull();
      if (model === null) return;
      for (const p of folds[f] ?? []) {
        p.episodes.forEach((next, k) => {
          if (k === 0) return;
          const prediction = predictEpisode(model, p.episodes.slice(0, k), next);
          const lo = prediction.quantile(0.1);
          const hi = prediction.quantile(0.9);
          const upper = next.upperDays;
          // Held at day 7 when the episode was seen to last past 7; ended when its end was seen by day 7.
          const held7 = next.lowerDays >= 7 ? true : upper !== null && upper <= 7 ? false : null;
          let inside: boolean | null = null;
          if (upper !== null && next.lowerDays >= lo && upper <= hi) inside = true;
          else if (next.lowerDays >= hi || (upper !== null && upper < lo)) inside = false;
          forecasts.push({ p7: prediction.survival(7), held7, inside });
        });
      }
    }
    expect(body).toMatchObject({
      status: 'ready',
      instrument: 'gad7',
      forecasts: 36,
      patients: 18,
      episodes: 54,
      suppression: null,
    });
    expect(forecasts).toHaveLength(36);
    const expectedBins = Array.from({ length: 10 }, (_, b) =>
      forecasts.filter((s) => s.held7 !== null && Math.min(9, Math.floor(s.p7 * 10)) === b),
    )
      .filter((members) => members.length > 0)
      .map((members) => ({
        predicted: members.reduce((a, s) => a + s.p7, 0) / members.length,
        observed: members.filter((s) => s.held7).length / members.length,
        n: members.length,
      }));
    expect(body.bins).toHaveLength(expectedBins.length);
    body.bins.forEach((bin, i) => {
      expect(bin.n).toBe(expectedBins[i]?.n);
      expect(bin.predicted as number).toBeCloseTo(expectedBins[i]?.predicted ?? NaN, 6);
      expect(bin.observed as number).toBeCloseTo(expectedBins[i]?.observed ?? NaN, 9);
    });
    // In no bin: kind (5, 8] straddles day 7 (6 patients × 2 forecasts), and the last episodes of patients
    // 0 and 12 are right-censored at day 2.5; 36 − 12 − 2 = 22.
    expect(body.bins.reduce((a, b) => a + (b.n as number), 0)).toBe(22);
    const judged = forecasts.filter((s) => s.inside !== null);
    expect(judged.length).toBeGreaterThan(0);
    expect(body.coverage).toEqual({
      judged: judged.length,
      inside: judged.filter((s) => s.inside).length,
      share: judged.filter((s) => s.inside).length / judged.length,
      target: 0.8,
    });
  });

  it('a researcher reads a bin of fewer forecasts than the minimum cell size as suppressed', async () => {
    const clinician = (await get('/api/v1/cohort/forecast-calibration?instrument=gad7')).json<
      Extract<CalibrationView, { status: 'ready' }>
    >();
    const response = await get('/api/v1/cohort/forecast-calibration?instrument=gad7', 'researcher');
    expect(response.statusCode, response.body).toBe(200);
    const researcher = response.json<Extract<CalibrationView, { status: 'ready' }>>();
    expect(researcher.suppression).toEqual({ minCellSize: 11, label: LABEL });
    expect(researcher.bins).toHaveLength(clinician.bins.length);
    let hidden = 0;
    clinician.bins.forEach((bin, i) => {
      if ((bin.n as number) < 11) {
        hidden++;
        expect(researcher.bins[i]).toEqual({ predicted: LABEL, observed: LABEL, n: LABEL, suppressed: LABEL });
      } else expect(researcher.bins[i]).toEqual(bin);
    });
    expect(hidden).toBeGreaterThan(0);
    expect(researcher.forecasts).toBe(36);
  });

  it('names a bad instrument', async () => {
    const response = await get('/api/v1/cohort/forecast-calibration?instrument=nope');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('instrument');
  });
});
