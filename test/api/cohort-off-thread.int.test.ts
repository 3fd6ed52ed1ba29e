// The cohort report runs on a read worker (src/db/read-workers.ts), not on the thread that serves
// requests and commits writes: held inside its snapshot on the worker, it lets a write commit and a
// read answer through the API, then completes with the database as it was when its snapshot began.
// Its figures are those of the in-thread computation on the same data, and a refused request reads as
// it did when the request thread computed the report.
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCohortInputs, outcomeDefinition } from '../../src/cohort/cohort-inputs.js';
import type { CohortReportRequest } from '../../src/cohort/cohort-report.job.js';
import { cohortReport } from '../../src/cohort/cohort.service.js';
import { readWorkersOf } from '../../src/db/read-workers.js';
import { inSnapshot } from '../../src/db/transaction.js';
import type { Engine } from '../../src/db/database.js';
import { computeCohortReport } from '../../src/outcomes/cohort/compute.js';
import type { ServiceContext } from '../../src/records/context.js';
import { OnsetError } from '../../src/shared/errors.js';
import { generatePatients } from '../../src/synthetic/generate.js';
import { loadSyntheticCohort } from '../../src/synthetic/load.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';
import { aClinicContext } from '../support/builders.js';
import { describeEachEngine } from '../support/databases.js';

const COHORT = '/api/v1/cohort';

/** The report as the request thread computed it before the read workers: one snapshot, then the computation. */
async function inThreadReport(ctx: ServiceContext, request: CohortReportRequest): Promise<unknown> {
  const definition = outcomeDefinition(request.instrument);
  const filter = request.filter ?? {};
  const { from, to, route, setting } = filter;
  const patients = await inSnapshot(ctx, (tx) =>
    loadCohortInputs(tx, { instrument: definition.instrument, from, to, route, setting }),
  );
  const report = computeCohortReport({
    definition,
    patients,
    filter,
    options: request.options,
    maxDose: request.maxDose,
  });
  return { definition, report };
}

describeEachEngine('the cohort report off the request thread', (engine: Engine) => {
  let world: ApiWorld;
  let synthetic: ServiceContext;

  beforeAll(async () => {
    world = await buildWorld(engine);
    synthetic = await aClinicContext(world.test.handle, 'Synthetic clinic');
    await loadSyntheticCohort(world.test.handle, {
      clinicId: synthetic.clinicId,
      patients: generatePatients({ seed: 7, patients: 80, start: Date.UTC(2025, 0, 1) }),
    });
  });
  afterAll(() => world.close());

  const requests: CohortReportRequest[] = [
    { instrument: 'gad7' },
    { instrument: 'phq9', maxDose: 4 },
    { instrument: 'gad7', filter: { condition: 'gad', route: 'iv' } },
    { instrument: 'gad7', filter: { from: Date.UTC(2025, 1, 1), to: Date.UTC(2025, 6, 1), setting: 'clinic' } },
    { instrument: 'gad7', options: { baselineWindowDays: 7, coverageCapDays: 3 } },
  ];
  it.each(requests)('equals the in-thread computation on the same data: %j', async (request) => {
    const onWorker = await cohortReport(synthetic, request);
    expect(onWorker.report.n).toBeGreaterThan(0);
    expect(onWorker).toStrictEqual(await inThreadReport(synthetic, request));
  });

  it('runs on another thread: while it is held there, a write commits and a read answers; it then reports its snapshot', async () => {
    const { app, principals } = world;
    const headers = principals.clinician.headers;
    const before = (await app.inject({ method: 'GET', url: COHORT, headers })).json<{ report: { n: number } }>();

    const held = readWorkersOf(world.test.handle).holdNextJob();
    let answered = false;
    const report = app.inject({ method: 'GET', url: COHORT, headers }).then((response) => {
      answered = true;
      return response;
    });
    // Computed on this thread, the report would finish without ever reaching the worker's hold.
    const { threadId: workerThread } = await Promise.race([
      held.reached,
      report.then(() => Promise.reject(new Error('the report finished without being held on a worker'))),
    ]);
    expect(workerThread).not.toBe(threadId);

    // A new patient with a dose: a cohort member for any report whose snapshot begins from here on.
    const write = async (url: string, payload: object): Promise<string> => {
      const response = await app.inject({ method: 'POST', url, headers, payload });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ id: string }>().id;
    };
    const patientId = await write('/api/v1/patients', { label: `OFF-THREAD-${engine}`, conditions: ['gad'] });
    const courseId = await write('/api/v1/courses', {
      patientId,
      startedAt: '2026-01-05T09:00:00Z',
      primaryInstrument: 'gad7',
    });
    await write('/api/v1/doses', {
      patientId,
      courseId,
      givenAt: '2026-01-05T10:00:00Z',
      drug: 'racemic-ketamine',
      route: 'iv',
      mg: 35,
      setting: 'clinic',
    });
    const read = await app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}`, headers });
    expect(read.statusCode).toBe(200);
    expect(answered).toBe(false);

    held.release();
    const response = await report;
    expect(response.statusCode).toBe(200);
    // The snapshot began on the worker before the write: the new patient is not in it.
    expect(response.json<{ report: { n: number } }>().report.n).toBe(before.report.n);
    const after = (await app.inject({ method: 'GET', url: COHORT, headers })).json<{ report: { n: number } }>();
    expect(after.report.n).toBe(before.report.n + 1);
  });

  it('a refused filter gives the same 400 problem as when the request thread computed the report', async () => {
    const response = await world.app.inject({
      method: 'GET',
      url: `${COHORT}?instrument=gad8`,
      headers: world.principals.clinician.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const known = 'gad7, phq9, pcl5, hama, ocir, ybocs, lsas, minispin, cadss6, cssrs, urinary, craving, anxiety-vas';
    const reason = `"gad8" is not an instrument Onset knows; known: ${known}`;
    expect(response.json()).toStrictEqual({
      type: 'https://onset.health/problems/validation-failed',
      title: 'VALIDATION_FAILED',
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: `instrument: ${reason}`,
      problems: [{ field: 'instrument', reason }],
    });
  });

  it("a refused period arrives from the worker as the caller's own OnsetError, field and reason intact", async () => {
    const refused = cohortReport(synthetic, { instrument: 'gad7', filter: { from: Date.UTC(2025, 5, 1), to: 0 } });
    await expect(refused).rejects.toBeInstanceOf(OnsetError);
    await expect(refused).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'filter.to: must be later than filter.from (the period is [from, to))',
      problems: [{ field: 'filter.to', reason: 'must be later than filter.from (the period is [from, to))' }],
    });
  });
});
