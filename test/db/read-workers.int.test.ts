// The read workers (src/db/read-workers.ts) on both engines: each worker's connection cannot write, a
// worker that dies fails only the job it was running and is replaced, and on PostgreSQL a lost
// connection reaches the caller as DATABASE_UNAVAILABLE, as on the request thread.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortReport } from '../../src/cohort/cohort.service.js';
import { readWorkersOf } from '../../src/db/read-workers.js';
import type { Engine } from '../../src/db/database.js';
import type { ServiceContext } from '../../src/records/context.js';
import { OnsetError } from '../../src/shared/errors.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, freshPostgres, type TestDatabase } from '../support/databases.js';
import { CRASH_WORKER, WRITE_ON_WORKER } from '../support/read-worker-jobs.js';

/** A clinic with one treated patient: its cohort report has n = 1. */
async function aClinicWithOnePatient(test: TestDatabase): Promise<ServiceContext> {
  const ctx = await aClinicContext(test.handle);
  const patient = await aPatient(ctx);
  const course = await aCourse(ctx, patient.id);
  await aDose(ctx, patient.id, course.id);
  return ctx;
}

describeEachEngine('read workers', (engine: Engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;

  beforeAll(async () => {
    test = await freshDatabase(engine);
    ctx = await aClinicWithOnePatient(test);
  });
  afterAll(() => test.drop());

  it("a worker's connection is read-only: a write through it is refused and changes nothing", async () => {
    await expect(readWorkersOf(ctx).run(WRITE_ON_WORKER, ctx.clinicId)).rejects.toThrow(/read-?only/i);
    expect((await cohortReport(ctx, { instrument: 'gad7' })).report.n).toBe(1);
  });

  it('a worker killed while it runs a report fails that report clearly; the next report runs on a new worker', async () => {
    const pool = readWorkersOf(ctx);
    const held = pool.holdNextJob();
    const report = cohortReport(ctx, { instrument: 'gad7' });
    await held.reached;
    await held.kill();
    await expect(report).rejects.toThrow(
      /^the cohort report failed: its worker thread stopped \(exit code 1\) before it finished; the next request runs on a new worker$/,
    );
    expect((await cohortReport(ctx, { instrument: 'gad7' })).report.n).toBe(1);
  });

  it('a worker that crashes by itself fails its job with the crash named, and is replaced', async () => {
    await expect(readWorkersOf(ctx).run(CRASH_WORKER, 'fault for the test')).rejects.toThrow(
      'a crashing job failed: its worker thread stopped (exit code 1: fault for the test) before it finished',
    );
    expect((await cohortReport(ctx, { instrument: 'gad7' })).report.n).toBe(1);
  });

  it('an input that cannot cross to a worker is refused at once, and the worker stays free', async () => {
    const notPlainData = (() => ctx.clinicId) as unknown as string;
    await expect(readWorkersOf(ctx).run(WRITE_ON_WORKER, notPlainData)).rejects.toThrow(/could not be cloned/);
    expect((await cohortReport(ctx, { instrument: 'gad7' })).report.n).toBe(1);
  });

  it('a closed database refuses new jobs as unavailable (503)', async () => {
    const other = await freshDatabase(engine);
    const otherCtx = await aClinicWithOnePatient(other);
    expect((await cohortReport(otherCtx, { instrument: 'gad7' })).report.n).toBe(1);
    await other.drop();
    await expect(cohortReport(otherCtx, { instrument: 'gad7' })).rejects.toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      status: 503,
    });
  });
});

describe('read workers [postgres]: a lost connection', () => {
  let test: TestDatabase & { url: string };
  let ctx: ServiceContext;

  beforeAll(async () => {
    test = await freshPostgres();
    ctx = await aClinicWithOnePatient(test);
  });
  afterAll(() => test.drop());

  it("reaches the caller as DATABASE_UNAVAILABLE when PostgreSQL ends the worker's connection mid-report", async () => {
    const held = readWorkersOf(ctx).holdNextJob();
    const report = cohortReport(ctx, { instrument: 'gad7' });
    await held.reached;
    const admin = new pg.Client({ connectionString: test.url });
    await admin.connect();
    const ended = await admin.query<{ ended: boolean }>(
      "select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = current_database() and application_name = 'onset read worker'",
    );
    await admin.end();
    expect(ended.rows.map((row) => row.ended)).toEqual([true]);
    held.release();
    const error: unknown = await report.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(OnsetError);
    expect(error).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      status: 503,
      message: 'the database is not available right now; please try again shortly',
    });
    // The dead connection has left the worker's pool; the next report opens a new one.
    expect((await cohortReport(ctx, { instrument: 'gad7' })).report.n).toBe(1);
  });
});
