/**
 * The server side of `npm run bench:api`, run as its own process so the load generator does not share
 * its event loop. Modes:
 * - `onset [pgUrl [clinics]]`: the real Onset app on a fresh SQLite database (or on `pgUrl`, a fresh
 *   PostgreSQL database the load generator created) holding 500 patients with a course each, in one
 *   clinic or spread evenly over `clinics` clinics, each clinic with a clinician's API token of its own;
 * - `bare`: a Fastify route that inserts one row into SQLite with the same pragmas;
 * - `bare-pg pgUrl`: a Fastify route that inserts one row into a fresh table of `pgUrl` per request, through
 *   a `pg` pool as large as Onset's default (10), with synchronous_commit on (checked, and reported).
 * Prints one JSON line with the port (and, for onset, the bearer token and patient/course ids, each with
 * its clinic's token), then serves.
 */
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { openSqlite } from '../src/db/database.js';
import {
  benchClinic,
  openBenchDatabase,
  patientsWithCourses,
  serveAndAnnounce,
  temporaryFolder,
} from './server-support.js';

const mode = process.argv[2];
const pgUrl = process.argv[3];
const clinics = Number(process.argv[4] ?? 1);
const PATIENTS = 500;
/** Onset's own default pool size (db/postgres-pool.ts), so that both routes may hold as many connections. */
const BARE_PG_POOL = 10;

async function onset(): Promise<void> {
  const handle = await openBenchDatabase(pgUrl, 'api');
  const perClinic = Math.ceil(PATIENTS / clinics);
  const byClinic: { patientId: string; courseId: string; token: string }[][] = [];
  for (let c = 0, left = PATIENTS; c < clinics; c++, left -= perClinic) {
    const clinic = await benchClinic(handle, clinics === 1 ? 'Bench clinic' : `Bench clinic ${c + 1}`);
    const targets = await patientsWithCourses(clinic.ctx, Math.min(perClinic, left), `BENCH-${c}`);
    byClinic.push(targets.map((target) => ({ ...target, token: clinic.token })));
  }
  // Consecutive requests go to consecutive patients: taking the clinics in turn spreads them over all.
  const patients: { patientId: string; courseId: string; token: string }[] = [];
  for (let k = 0; k < perClinic; k++)
    for (const list of byClinic) {
      const target = list[k];
      if (target !== undefined) patients.push(target);
    }
  await serveAndAnnounce(handle, { token: byClinic[0]?.[0]?.token, clinics, patients });
}

async function bare(): Promise<void> {
  const dir = temporaryFolder('bare');
  const handle = openSqlite(join(dir, 'bare.sqlite'));
  const sqlite = handle.sqlite;
  if (sqlite === null) throw new Error('bare mode needs SQLite');
  sqlite.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at TEXT NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO rows (body, at) VALUES (?, ?)');
  const app = Fastify();
  app.post('/rows', async (request, reply) => {
    insert.run(JSON.stringify(request.body), new Date().toISOString());
    return reply.status(201).send({ ok: true });
  });
  await listen(app, {});
}

async function barePostgres(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: BARE_PG_POOL });
  await pool.query(
    'CREATE TABLE bench_rows (id bigserial PRIMARY KEY, body text NOT NULL, at timestamptz NOT NULL DEFAULT now())',
  );
  const setting = await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
  const synchronousCommit = setting.rows[0]?.synchronous_commit;
  if (synchronousCommit !== 'on') throw new Error(`synchronous_commit is ${synchronousCommit}, not on`);
  const app = Fastify();
  app.post('/rows', async (request, reply) => {
    // One statement in its own transaction (autocommit): the commit waits for the WAL flush.
    await pool.query({
      name: 'bench-insert',
      text: 'INSERT INTO bench_rows (body) VALUES ($1)',
      values: [JSON.stringify(request.body)],
    });
    return reply.status(201).send({ ok: true });
  });
  await listen(app, { synchronousCommit, poolMax: BARE_PG_POOL });
}

async function listen(app: FastifyInstance, info: Record<string, unknown>): Promise<void> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, ...info })}\n`);
}

if (mode === 'bare') await bare();
else if (mode === 'bare-pg') await barePostgres(pgUrl ?? '');
else await onset();
