/**
 * The composition root: the one place that wires Onset's parts together. The record services call the
 * clinical write hook, and the safety rules are wired in here; the HTTP app is built with its routes;
 * the server runs beside its background workers (due questionnaires, e-mail, the WAL checkpointer, the
 * forecast fit). Every entry point (the `onset` command, tests, benchmarks) builds Onset through this
 * module, so none of them can run a write without its safety rules.
 */
import { startAlertExpiryLoop } from '../alerts/alert-expiry.service.js';
import type { DatabaseHandle } from '../db/database.js';
import { startWalCheckpointer } from '../db/wal-checkpointer.js';
import { buildApp as buildHttpApp, type AppOptions, type OnsetApp } from '../http/app.js';
import { listen } from '../http/server.js';
import { startMailWorker, type MailWorkerOptions } from '../mail/worker.js';
import { onForecastFitError } from '../patients/forecast-cache.js';
import { wireClinicalWriteHook } from '../records/write-hooks.js';
import {
  startStateCheckLoop,
  stateCheckLogFields,
  stateCheckLogLevel,
  type StateCheckRun,
} from '../safety/check-state.loop.js';
import { raiseSafetyAlerts } from '../safety/hooks.js';
import { startScheduleTicker } from '../schedules/tick.js';
import type { Serve } from '../cli/commands/start.js';

/** Wires the services' hook points: every clinical write runs the safety rules in its transaction. */
export function wireServices(): void {
  wireClinicalWriteHook(raiseSafetyAlerts);
}

/** The HTTP application with every route, its services wired (tests call it with `inject`). */
export async function buildApp(options: AppOptions): Promise<OnsetApp> {
  wireServices();
  return buildHttpApp(options);
}

/**
 * Serves Onset: the app, the hourly due-list refresh, the daily safety state check, the e-mail worker
 * (when configured), the WAL checkpointer on SQLite, until SIGTERM or SIGINT; closing stops the workers,
 * then the database.
 */
export const serve: Serve = async (database, options) => {
  const app = await buildApp({
    database,
    logLevel: options.logLevel,
    trustProxy: options.trustProxy,
    mailDelivery: options.mail !== null,
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
  });
  const workers = startWorkers(app, database, options.mail, options.checkStateSample);
  // When nothing can be served (the port is taken), stop everything, so the process exits with the
  // error instead of living on without a listener.
  return listen(app, { port: options.port, host: options.host, onClosed: () => workers.stop() }).catch(
    async (error: unknown) => {
      await app.close();
      await workers.stop();
      throw error;
    },
  );
};

function startWorkers(
  app: OnsetApp,
  database: DatabaseHandle,
  mail: MailWorkerOptions | null,
  checkStateSample: number,
): { stop(): Promise<void> } {
  // Due assessments roll forward every hour; e-mail goes out only when ONSET_SMTP_URL is set.
  const ticker = startScheduleTicker(database, (error) => app.log.error({ err: error }, 'schedule refresh failed'));
  // Information alerts left open past the clinic's expiry close by themselves, every hour (docs/safety.md).
  const expiry = startAlertExpiryLoop(database, (error) => app.log.error({ err: error }, 'alert expiry failed'));
  const mailer =
    mail === null ? null : startMailWorker(database, mail, (error) => app.log.error({ err: error }, 'mail worker'));
  onForecastFitError((error) => app.log.error({ err: error }, 'forecast fit failed; the previous fit stays'));
  // On SQLite the WAL is copied into the database file on a worker thread, not inside a request's commit.
  const checkpointer =
    database.engine === 'sqlite'
      ? startWalCheckpointer(database.location, (error) => app.log.error({ err: error }, 'WAL checkpointer failed'), {
          writer: database.sqlite ?? undefined,
        })
      : null;
  // Once a day a sample of each clinic's patients is checked against a whole-history evaluation of the
  // safety rules and missing alerts are raised (ONSET_CHECK_STATE_SAMPLE; 0 turns it off).
  const stateCheck =
    checkStateSample === 0
      ? null
      : startStateCheckLoop(database, {
          sample: checkStateSample,
          onRun: (run) => reportStateCheck(app, run),
          onError: (error) => app.log.error({ err: error }, 'safety state check failed'),
        });
  return {
    async stop() {
      await ticker.stop();
      await expiry.stop();
      await stateCheck?.stop();
      await mailer?.stop();
      await checkpointer?.stop();
      await database.close();
    },
  };
}

/** Counts each clinic's check in the metrics and logs each clinic where patients did not match. */
function reportStateCheck(app: OnsetApp, run: StateCheckRun): void {
  for (const clinic of run.clinics) {
    app.metrics.countStateCheck({
      checked: clinic.checked,
      mismatched: clinic.mismatched.length,
      alertsRaised: clinic.alertsRaised,
      failed: clinic.failed.length,
    });
    const level = stateCheckLogLevel(clinic);
    if (level !== null)
      app.log[level](
        stateCheckLogFields(clinic),
        'safety state check: patients did not match a whole-history evaluation',
      );
  }
  for (const failure of run.failed) app.log.error(failure, 'safety state check of a clinic failed');
}
