/**
 * `npm run bench:forecast` (tsx bench/forecast.ts): how honest the relief forecast's uncertainty is,
 * measured by backtests against a known truth (docs/outcomes.md "Forecast: how far to trust it").
 *
 * For each of three truths the synthetic generator (src/synthetic) draws a cohort whose every responding
 * dose has a true, uncensored relief length, observed only through the 24-hour check-ins at 4 h and days
 * 1, 2, 3, 7 and 14 and cut off by the next dose, as a clinic would see it. The backtest
 * (src/forecast/backtest.ts) forecasts every episode after a patient's first from the episodes before it,
 * with a model fitted on the other half of the patients (the product's default: both families fitted, the
 * better-fitting kept), and scores the 80% interval against the truth:
 *   1. log-normal lengths with a per-patient effect;
 *   2. Weibull lengths with a per-patient effect; and the same cohort forecast with the log-normal model
 *      forced (misspecified), to show what the choice of family is worth;
 *   3. a tolerance trend: lengths shrinking with each dose.
 * Targets: coverage of the 80% interval in 0.75–0.85; for forecasts with at least 3 earlier episodes, a
 * mean log-width ≤ 0.8 × the clinic-only baseline's at equal or better coverage (within 0.02).
 *
 * Then the fit time for a 20,000-patient clinic, beside the cohort report's time on the same records in
 * the same run (both pure, from records in memory, on this thread; target: fit ≤ report), and the process's
 * peak RSS. The fit (fitClinicModels) is every patient's episodes and doses-to-onset and the model's
 * population parameters on the hashed sample of src/forecast/relief-model.ts (FIT_SAMPLE_PATIENTS;
 * `fitPatients` / `fitEpisodes` say how many it used). Beside it, each timed on its own: the calibration
 * backtest of the clinic's own past forecasts, the work queue's relief-ending list, and the whole
 * background refresh (fitClinicForecast: all three, on the server's worker thread).
 * Output: one JSON object on stdout; progress on stderr. BENCH_PATIENTS (default 2,000) sizes the
 * backtest cohorts, BENCH_LARGE (default 20,000) the timed clinic. Synthetic data throughout.
 */
import { fitClinicForecast, fitClinicModels } from '../src/forecast/clinic-forecast.js';
import { fitReliefModel } from '../src/forecast/relief-model.js';
import { clinicCalibration } from '../src/forecast/calibration.js';
import { backtestForecast, type BacktestPatient } from '../src/forecast/backtest.js';
import { oracleScore } from './forecast-oracle.js';
import { reliefObservations } from '../src/forecast/episodes.js';
import { reliefEndings } from '../src/forecast/relief-ending.js';
import { getInstrument } from '../src/instruments/registry.js';
import { scoreAnswers } from '../src/instruments/score.js';
import { computeCohortReport } from '../src/outcomes/cohort/compute.js';
import type { CohortPatientInput } from '../src/outcomes/cohort/types.js';
import type { OutcomeDefinition } from '../src/outcomes/types.js';
import { generatePatients } from '../src/synthetic/generate.js';
import type { DistributionChoice } from '../src/forecast/types.js';
import type { ReliefTruth, SyntheticPatient } from '../src/synthetic/types.js';

const SEED = 20_261_202;
const START = Date.UTC(2025, 0, 1);
const INSTRUMENT = 'anxiety-vas';
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 2_000);
const LARGE = Number(process.env.BENCH_LARGE ?? 20_000);
const TARGETS = { coverageMin: 0.75, coverageMax: 0.85, widthRatioMax: 0.8, coverageSlack: 0.02, fitToReportMax: 1 };

const LOGNORMAL: ReliefTruth = {
  distribution: 'lognormal',
  medianDays: 4,
  spread: 0.4,
  frailtySd: 0.5,
  tolerancePerDose: 0,
};
const WEIBULL: ReliefTruth = {
  distribution: 'weibull',
  medianDays: 4,
  spread: 0.4,
  frailtySd: 0.5,
  tolerancePerDose: 0,
};
const TOLERANCE: ReliefTruth = {
  distribution: 'lognormal',
  medianDays: 6,
  spread: 0.4,
  frailtySd: 0.4,
  tolerancePerDose: -0.12,
};
/** Each truth's cohort is drawn from SEED + seedOffset, so the forced run sees the same patients as its pair. */
const TRUTHS: { name: string; truth: ReliefTruth; seedOffset: number; distribution: DistributionChoice }[] = [
  { name: 'lognormal-frailty', truth: LOGNORMAL, seedOffset: 0, distribution: 'auto' },
  { name: 'weibull-frailty', truth: WEIBULL, seedOffset: 1, distribution: 'auto' },
  {
    name: 'weibull-frailty, log-normal forced (misspecified)',
    truth: WEIBULL,
    seedOffset: 1,
    distribution: 'lognormal',
  },
  { name: 'tolerance-trend', truth: TOLERANCE, seedOffset: 2, distribution: 'auto' },
];

const progress = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

const definitionOf = (): OutcomeDefinition => {
  const def = getInstrument(INSTRUMENT);
  return {
    instrument: def.id,
    responseFraction: def.responseFraction,
    remissionMax: def.remissionMax,
    reliableChange: def.reliableChange,
  };
};

/** A synthetic patient as the forecast reads them: doses with routes, the check-ins scored. */
function toInput(p: SyntheticPatient): CohortPatientInput {
  const instrument = getInstrument(INSTRUMENT);
  return {
    patientId: p.label,
    conditions: p.conditions,
    doses: p.doses.map((d) => ({ at: d.at, priceUsd: d.priceUsd, route: d.route, setting: d.setting })),
    assessments: p.assessments
      .filter((a) => a.instrument === INSTRUMENT)
      .map((a) => {
        const score = scoreAnswers(instrument, a.answers);
        return { at: a.at, total: score.total, complete: score.complete };
      }),
    defaultPriceUsd: p.course.defaultPriceUsd,
    adverseEvents: [],
  };
}

function backtestOne(
  name: string,
  truth: ReliefTruth,
  seedOffset: number,
  distribution: DistributionChoice,
): Record<string, unknown> {
  const definition = definitionOf();
  const patients: BacktestPatient[] = [];
  for (const p of generatePatients({ seed: SEED + seedOffset, patients: PATIENTS, start: START, reliefTruth: truth })) {
    const episodes = reliefObservations(definition, toInput(p));
    patients.push({
      patientId: p.label,
      episodes,
      truthDays: episodes.map((e) => p.doses[e.dose - 1]?.trueReliefDays ?? null),
    });
  }
  const started = performance.now();
  const result = backtestForecast(patients, distribution);
  const seconds = (performance.now() - started) / 1000;
  if (result === null) return { truth: name, error: 'too few episodes to fit a model' };
  const three = result.withThreeEarlier;
  const widthRatio = (three.model.meanLogWidth ?? NaN) / (three.cohortOnly.meanLogWidth ?? NaN);
  const coverage = result.model.coverage ?? NaN;
  const coverageOk = coverage >= TARGETS.coverageMin && coverage <= TARGETS.coverageMax;
  const widthOk =
    widthRatio <= TARGETS.widthRatioMax &&
    (three.model.coverage ?? 0) >= (three.cohortOnly.coverage ?? 1) - TARGETS.coverageSlack;
  // The floor under that ratio: the exact Bayes forecast from the true distribution and the earlier episodes' true
  // lengths.
  const oracle = oracleScore(truth, patients, 3);
  // The family the model takes on the whole cohort (each fold chooses for itself the same way).
  const family = fitReliefModel(
    patients.flatMap((p) => p.episodes),
    { distribution, frailty: true },
  )?.distribution;
  progress(
    `${name} [${family ?? 'no model'}]: coverage ${coverage.toFixed(3)}, width ratio (≥3 earlier) ${widthRatio.toFixed(3)} (oracle floor ${oracle.widthRatio.toFixed(3)}), ${seconds.toFixed(1)} s`,
  );
  return {
    truth: name,
    parameters: truth,
    patients: PATIENTS,
    backtestSeconds: seconds,
    ...result,
    modelFamily: family ?? null,
    widthRatioWithThreeEarlier: widthRatio,
    oracleWithThreeEarlier: oracle,
    pass: { coverage: coverageOk, width: widthOk },
  };
}

function timeLargeClinic(): Record<string, unknown> {
  const definition = definitionOf();
  const inputs: CohortPatientInput[] = [];
  for (const p of generatePatients({ seed: SEED, patients: LARGE, start: START, reliefTruth: LOGNORMAL }))
    inputs.push(toInput(p));
  progress(`timed clinic: ${LARGE} patients generated`);
  const started = performance.now();
  const report = computeCohortReport({ definition, patients: inputs });
  const reportSeconds = (performance.now() - started) / 1000;
  progress(`cohort report: ${reportSeconds.toFixed(2)} s (n = ${report.n})`);
  const seconds = <T>(run: () => T): [T, number] => {
    const at = performance.now();
    const value = run();
    return [value, (performance.now() - at) / 1000];
  };
  const input = { definition, patients: inputs };
  // The parts of the server's background refresh, each on its own, then the whole of it.
  const [models, fitSeconds] = seconds(() => fitClinicModels(input, Date.now()));
  progress(`forecast model fit: ${fitSeconds.toFixed(2)} s`);
  const [calibration, calibrationSeconds] = seconds(() => clinicCalibration(input, models.options));
  progress(`calibration backtest: ${calibrationSeconds.toFixed(2)} s (${calibration.status})`);
  const [endings, reliefEndingSeconds] = seconds(() => reliefEndings(models, inputs));
  progress(`relief-ending list: ${reliefEndingSeconds.toFixed(2)} s (${endings.length} patients in holding relief)`);
  const [, refreshSeconds] = seconds(() => fitClinicForecast(input, Date.now()));
  progress(`whole background refresh (fitClinicForecast): ${refreshSeconds.toFixed(2)} s`);
  return {
    patients: LARGE,
    episodes: models.relief?.n.episodes ?? 0,
    fitPatients: models.relief?.n.fitPatients ?? 0,
    fitEpisodes: models.relief?.n.fitEpisodes ?? 0,
    cohortReportSeconds: reportSeconds,
    fitSeconds,
    calibrationSeconds,
    calibrationForecasts: calibration.status === 'ready' ? calibration.forecasts : 0,
    reliefEndingSeconds,
    reliefEndingPatients: endings.length,
    refreshSeconds,
    fitToReportRatio: fitSeconds / reportSeconds,
    refreshToReportRatio: refreshSeconds / reportSeconds,
    pass: fitSeconds / reportSeconds <= TARGETS.fitToReportMax,
  };
}

const backtests = TRUTHS.map((t) => backtestOne(t.name, t.truth, t.seedOffset, t.distribution));
const large = timeLargeClinic();
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ label: 'Synthetic data', instrument: INSTRUMENT, targets: TARGETS, backtests, largeClinic: large, peakRssMb })}\n`,
);
