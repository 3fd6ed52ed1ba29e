import { Worker } from 'node:worker_threads';
import type { ClinicForecast, ForecastOptions } from '../forecast/types.js';
import type { ForecastCohortInput } from '../forecast/types.js';

/**
 * The worker's whole program (plain CommonJS, as src/db/wal-checkpointer.ts's, so it runs the same under
 * tsx, vitest and the compiled build). It loads the forecast module it is given (the TypeScript source
 * through tsx's loader when the server runs from source, else the compiled file), fits once, posts the
 * result (plain data) and ends.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx !== null) (await import(workerData.tsx)).register();
  const { fitClinicForecast } = await import(workerData.module);
  return fitClinicForecast(workerData.input, workerData.fittedAt, workerData.options);
})().then(
  (result) => parentPort.postMessage({ result }),
  (error) => parentPort.postMessage({ error: String(error && error.stack ? error.stack : error) }),
);
`;

/** Where the forecast module is, and the loader it needs: this file's sibling, .ts from source, .js when built. */
function forecastModule(): { module: string; tsx: string | null } {
  const fromSource = import.meta.url.endsWith('.ts');
  const module = new URL(`../forecast/clinic-forecast.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  // tsx's documented ESM API entry (`tsx/esm/api`, whose register() installs the loader), resolved as an ES module.
  return { module, tsx: fromSource ? import.meta.resolve('tsx/esm/api') : null };
}

/**
 * fitClinicForecast on a worker thread (docs/outcomes.md "Forecast"), so the event loop keeps serving
 * requests while a clinic's model is fitted. The records go by structured clone; rejects when the fit or
 * the worker fails.
 */
export function fitClinicForecastInWorker(
  input: ForecastCohortInput,
  fittedAt: number,
  options?: Partial<ForecastOptions>,
): Promise<ClinicForecast> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...forecastModule(), input, fittedAt, options },
    });
    // A fit never keeps a closing process alive: the forecast is recomputed on the next start.
    worker.unref();
    let settled = false;
    worker.once('message', (message: { result?: ClinicForecast; error?: string }) => {
      settled = true;
      if (message.result !== undefined) resolve(message.result);
      else reject(new Error(`forecast fit: ${message.error ?? 'no result'}`));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`forecast fit: the worker exited (code ${code}) without a result`));
    });
  });
}
