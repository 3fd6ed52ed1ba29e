/** Builders for the schedule and mail integration tests: a migrated database, a clock, a scheduled course. */
import pg from 'pg';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { openPostgres, openSqlite, type DatabaseHandle, type Engine } from '../../src/db/database.js';
import { allAt } from '../../src/instruments/fixtures.js';
import { getInstrument } from '../../src/instruments/registry.js';
import type { ServiceContext } from '../../src/records/context.js';
import { closeDue } from '../../src/schedules/completions.js';
import { setCourseSchedule } from '../../src/schedules/course-schedule.service.js';
import { refreshDue } from '../../src/schedules/refresh-due.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { freshPostgres, freshSqlite, pgUrl } from '../support/databases.js';

export interface ScheduleTestDb {
  handle: DatabaseHandle;
  /** The SQLite file or the PostgreSQL URL, for another process to open. */
  location: string;
  /** Opens a second, independent connection to the same database (another process, in effect). */
  reopen(): DatabaseHandle;
  drop(): Promise<void>;
}

/**
 * Drops a test database once its connections are gone. A closed pool's connections end a moment after
 * `close()` resolves; dropping WITH (FORCE) while they end makes the server's goodbye an uncaught error
 * in this process, so the drop waits (bounded) until the server lists none of them.
 */
async function dropWhenIdle(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: pgUrl() });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i += 1) {
      const { rows } = await admin.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      if ((rows[0]?.n ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A fresh, migrated database of this engine, which can be opened again by file or URL. */
export async function freshScheduleDb(engine: Engine): Promise<ScheduleTestDb> {
  const opened: DatabaseHandle[] = [];
  if (engine === 'sqlite') {
    const test = await freshSqlite();
    return {
      handle: test.handle,
      location: test.file,
      reopen: () => {
        const h = openSqlite(test.file);
        opened.push(h);
        return h;
      },
      drop: async () => {
        for (const h of opened) await h.close().catch(() => undefined);
        await test.drop();
      },
    };
  }
  const test = await freshPostgres();
  return {
    handle: test.handle,
    location: test.url,
    reopen: () => {
      const h = openPostgres(test.url);
      opened.push(h);
      return h;
    },
    drop: async () => {
      for (const h of [...opened, test.handle]) await h.close().catch(() => undefined);
      await dropWhenIdle(test.url);
    },
  };
}

/** A context whose clock reads `at` (UTC ISO). */
export function at(ctx: ServiceContext, iso: string): ServiceContext {
  const now = new Date(iso);
  return { ...ctx, now: () => now };
}

/** The same context on another connection (its own handle). */
export function on(ctx: ServiceContext, handle: DatabaseHandle): ServiceContext {
  return { ...ctx, db: handle.db, reader: handle.reader, engine: handle.engine };
}

export interface ScheduledCourse {
  ctx: ServiceContext;
  patientId: string;
  courseId: string;
}

/**
 * A New York clinic with one patient and one course that started 2026-01-05T09:00Z (04:00 local), following
 * `template` (or a schedule of its own).
 */
export async function aScheduledCourse(
  handle: DatabaseHandle,
  clockIso: string,
  schedule: { templateId?: string; schedule?: unknown; maintenanceStartedAt?: string },
  patient: { email?: string | null } = {},
  course: { phase?: 'induction' | 'maintenance'; startedAt?: string } = {},
): Promise<ScheduledCourse> {
  const ctx = at(await aClinicContext(handle), clockIso);
  const p = await aPatient(ctx, patient.email == null ? {} : { email: patient.email });
  const c = await aCourse(ctx, p.id, { ...course, primaryInstrument: 'gad7' });
  await setCourseSchedule(ctx, c.id, schedule);
  return { ctx, patientId: p.id, courseId: c.id };
}

/**
 * Records a dose through the dose service. The explicit refreshDue stands for the dose service's write
 * hook (idempotent, so running it beside the hook changes nothing).
 */
export async function giveDose(s: ScheduledCourse, givenAt: string): Promise<string> {
  const dose = await aDose(s.ctx, s.patientId, s.courseId, { givenAt });
  await refreshDue(s.ctx, s.courseId);
  return dose.id;
}

/**
 * A complete questionnaire of `instrument` (every item at 1) through the assessment service, then its completion hook.
 */
export async function answer(
  ctx: ServiceContext,
  patientId: string,
  instrument: string,
  completedAt: string,
): Promise<string> {
  const assessment = await assessmentService.create(ctx, {
    patientId,
    instrument,
    completedAt,
    answers: allAt(getInstrument(instrument), 1),
  });
  await closeDue(ctx, assessment);
  return assessment.id;
}

/**
 * One questionnaire per moment (PCL-5 at baseline, before each dose and at days 1, 7 and 14), so that
 * each mail in the delivery tests is one link: the delivery mechanics, not a template's contents, are under test.
 */
export const PCL5_ONLY = {
  schedule: {
    name: 'PCL-5 around each dose',
    items: [
      { kind: 'baseline', instruments: ['pcl5'] },
      { kind: 'pre-dose', instruments: ['pcl5'] },
      { kind: 'after-dose', instruments: ['pcl5'], offsetsHours: [24, 168, 336] },
    ],
  },
};

/**
 * Y-BOCS at baseline and at days 1 and 7 after each dose, nothing else: the schedule mechanics tests (expansion,
 * expiry, adherence, hooks) read one questionnaire per moment, whatever the ready-made OCD template adds.
 */
export const YBOCS_ONLY = {
  schedule: {
    name: 'Y-BOCS at day 1 and week 1',
    items: [
      { kind: 'baseline', instruments: ['ybocs'] },
      { kind: 'after-dose', instruments: ['ybocs'], offsetsHours: [24, 168] },
    ],
  },
};
