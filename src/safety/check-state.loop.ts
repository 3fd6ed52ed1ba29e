/**
 * The server's daily safety state check (docs/operations.md "Safety state check"): a random sample of
 * each clinic's patients checked against a whole-history evaluation, missing alerts raised.
 */
import { listClinics } from '../clinics/clinic.service.js';
import type { DatabaseHandle } from '../db/database.js';
import { systemContext } from '../records/context.js';
import { startLoop, type Loop } from '../schedules/loop.js';
import { invalid } from '../shared/errors.js';
import { DAY_MS } from '../shared/time.js';
import { checkClinicState, type ClinicStateCheck } from './check-state.service.js';

/** Patients per clinic checked each day unless ONSET_CHECK_STATE_SAMPLE says otherwise. */
export const DEFAULT_CHECK_STATE_SAMPLE = 50;

/**
 * ONSET_CHECK_STATE_SAMPLE: how many patients of each clinic the server checks each day (default 50; 0
 * turns the check off). Anything but a whole number is refused with a field error naming the variable.
 */
export function checkStateSampleFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.ONSET_CHECK_STATE_SAMPLE;
  if (value === undefined || value === '') return DEFAULT_CHECK_STATE_SAMPLE;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n))
    throw invalid(
      'ONSET_CHECK_STATE_SAMPLE',
      `must be a whole number of patients per clinic (0 turns the daily check off); it is "${value}"`,
    );
  return n;
}

export interface StateCheckRun {
  clinics: ClinicStateCheck[];
  /** Clinics whose check stopped (its settings unreadable, the database gone), and why. */
  failed: { clinicId: string; message: string }[];
}

/**
 * Checks `sample` patients of every clinic, picked at random, and repairs the ones that do not match
 * (checkClinicState). Acts as Onset itself; one clinic failing does not stop the rest.
 */
export async function runStateCheck(
  handle: DatabaseHandle,
  options: { sample: number; random?: () => number },
): Promise<StateCheckRun> {
  const run: StateCheckRun = { clinics: [], failed: [] };
  for (const clinic of await listClinics(handle.db)) {
    try {
      run.clinics.push(
        await checkClinicState(systemContext(handle, clinic.id), {
          sample: options.sample,
          repair: true,
          ...(options.random === undefined ? {} : { random: options.random }),
        }),
      );
    } catch (error) {
      run.failed.push({ clinicId: clinic.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return run;
}

/**
 * How loudly a clinic's check is logged: `warn` when alerts were missing, an alert is unexplained or a
 * patient could not be checked; `info` when the only mismatches were bases not current, which the next
 * write stores anyway (after an upgrade or a change of the baseline window, every patient's basis is
 * stale until then); nothing when every patient matched.
 */
export function stateCheckLogLevel(clinic: ClinicStateCheck): 'warn' | 'info' | null {
  if (clinic.missingAlerts > 0 || clinic.unexplainedAlerts > 0 || clinic.failed.length > 0) return 'warn';
  return clinic.mismatched.length > 0 ? 'info' : null;
}

/** What the log says of a clinic's check: counts and patient ids, nothing else about the patients. */
export function stateCheckLogFields(clinic: ClinicStateCheck): Record<string, unknown> {
  return {
    clinicId: clinic.clinicId,
    checked: clinic.checked,
    mismatched: clinic.mismatched.length,
    missingAlerts: clinic.missingAlerts,
    alertsRaised: clinic.alertsRaised,
    basisNotCurrent: clinic.basisNotCurrent,
    unexplainedAlerts: clinic.unexplainedAlerts,
    patientIds: clinic.mismatched,
    outstandingPatientIds: clinic.outstanding,
    failed: clinic.failed,
  };
}

/** Runs the check at start and then once a day (every `intervalMs` after a run ends) until stopped. */
export function startStateCheckLoop(
  handle: DatabaseHandle,
  options: {
    sample: number;
    onRun: (run: StateCheckRun) => void;
    onError: (error: unknown) => void;
    intervalMs?: number;
  },
): Loop {
  return startLoop(
    async () => {
      options.onRun(await runStateCheck(handle, { sample: options.sample }));
    },
    options.intervalMs ?? DAY_MS,
    options.onError,
  );
}
