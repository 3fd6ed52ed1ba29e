/**
 * A child process for the two-workers test: opens the database named in argv (a SQLite file or a
 * postgres:// URL), runs the mail worker once at the given time against the SMTP sink's port, prints
 * the run's result as JSON and exits. Two of these run at once against one database.
 */
import { openPostgres, openSqlite } from '../../src/db/database.js';
import { runMailWorkerOnce, smtpTransport } from '../../src/mail/worker.js';

const [location, port, now, workerId] = process.argv.slice(2);
if (location === undefined || port === undefined || now === undefined || workerId === undefined)
  throw new Error('usage: mail-worker-process LOCATION PORT NOW WORKER_ID');
const handle = location.startsWith('postgres') ? openPostgres(location) : openSqlite(location);
const from = 'Care team <no-reply@clinic.example>';
const transport = smtpTransport({
  host: '127.0.0.1',
  port: Number(port),
  implicitTls: false,
  allowPlaintext: true,
  user: null,
  password: null,
  from,
  heloName: workerId,
  timeoutMs: 10_000,
});
const result = await runMailWorkerOnce(handle, new Date(now), {
  transport,
  from,
  publicUrl: 'https://onset.test',
  workerId,
});
await handle.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
