/**
 * The calibration of the clinic's own past forecasts (docs/outcomes.md "Forecast: how far to trust it"),
 * read from the clinic's cached forecast fit, which computes it (src/forecast/calibration.ts); a request
 * never waits for a fit. Aggregate figures only, so researchers read it too, with the clinic's small cells
 * suppressed (suppress.ts). Audited as one read of an aggregate, naming no patient.
 */
import { appendAudit } from '../audit/audit.service.js';
import type { CalibrationView, ClinicCalibration } from '../forecast/index.js';
import { cachedClinicForecast } from '../patients/forecast-cache.js';
import { RELIEF_INSTRUMENT } from '../patients/patient-forecast.service.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
import type { Role } from '../shared/vocabulary.js';
import { getCohortSettings } from './cohort-settings.js';
import { outcomeDefinition } from './cohort-inputs.js';
import { suppressedLabel, type Suppressed } from './suppress.js';

type Ready = Extract<ClinicCalibration, { status: 'ready' }>;

/** The calibration view on `instrument` (default: the check-in relief is forecast on) as `role` may read it. */
export async function forecastCalibration(
  ctx: ServiceContext,
  role: Role,
  instrument: string = RELIEF_INSTRUMENT,
): Promise<CalibrationView> {
  const { instrument: checked } = outcomeDefinition(instrument);
  const fit = cachedClinicForecast(ctx, checked);
  await inTransaction(ctx, (tx) =>
    appendAudit(tx, {
      action: 'read',
      entity: 'forecast-calibration',
      entityId: null,
      patientId: null,
      detail: { instrument: checked, status: fit?.calibration.status ?? 'pending' },
    }),
  );
  if (fit === null) {
    return {
      status: 'pending',
      instrument: checked,
      text: "The clinic's forecast is being fitted and backtested on its records; the calibration is shown in a moment.",
    };
  }
  const fittedAt = new Date(fit.fittedAt).toISOString();
  const calibration = fit.calibration;
  const minCellSize = role === 'researcher' ? (await getCohortSettings(ctx)).minCellSize : null;
  if (calibration.status !== 'ready') {
    const cell = (n: number): number | Suppressed =>
      minCellSize !== null && n > 0 && n < minCellSize ? suppressedLabel(minCellSize) : n;
    return {
      ...calibration,
      instrument: checked,
      fittedAt,
      episodes: cell(calibration.episodes),
      patients: cell(calibration.patients),
    };
  }
  const published =
    minCellSize === null ? { ...calibration, suppression: null } : suppressCalibration(calibration, minCellSize);
  return { ...published, instrument: checked, fittedAt };
}

/**
 * The small-cell rule (suppress.ts) on the calibration: a bin of fewer forecasts than the minimum shows
 * its label instead of its figures; the coverage is withheld when the forecasts judged, those inside or
 * those outside are a small cell; a small number of forecasts, patients or episodes shows its label. The
 * bins' forecasts are not published as a total, so no withheld bin can be recovered by subtraction.
 */
function suppressCalibration(
  calibration: Ready,
  minCellSize: number,
): Omit<Extract<CalibrationView, { status: 'ready' }>, 'instrument' | 'fittedAt'> {
  const label = suppressedLabel(minCellSize);
  const small = (n: number): boolean => n > 0 && n < minCellSize;
  const cell = (n: number): number | Suppressed => (small(n) ? label : n);
  const { judged, inside } = calibration.coverage;
  const coverageHidden = small(judged) || small(inside) || small(judged - inside);
  return {
    status: 'ready',
    forecasts: cell(calibration.forecasts),
    patients: cell(calibration.patients),
    episodes: cell(calibration.episodes),
    bins: calibration.bins.map((b) =>
      small(b.n) ? { predicted: label, observed: label, n: label, suppressed: label } : b,
    ),
    coverage: coverageHidden
      ? { judged: label, inside: label, share: label, target: calibration.coverage.target, suppressed: label }
      : calibration.coverage,
    suppression: { minCellSize, label },
  };
}
