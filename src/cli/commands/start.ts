import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { listClinics } from '../../clinics/clinic.service.js';
import { requireAuditKey } from '../../db/audit-key.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createDemoClinic } from '../../demo/demo-clinic.js';
import type { DatabaseHandle } from '../../db/database.js';
import { mailOptionsFromEnv, type MailWorkerOptions } from '../../mail/worker.js';
import { checkStateSampleFromEnv } from '../../safety/check-state.loop.js';
import { invalid } from '../../shared/errors.js';
import { openDataDatabase, withDataOption, type DataOptions } from '../database-option.js';
import type { CliIo } from '../io.js';

interface StartOptions extends DataOptions {
  port: string;
  host: string;
  demo: boolean;
}

const CREDENTIALS_FILE = 'demo-credentials.txt';

export interface ServeOptions {
  port: number;
  host: string;
  logLevel: string;
  trustProxy: boolean;
  publicUrl?: string;
  /** E-mail delivery, or null when ONSET_SMTP_URL is not set. */
  mail: MailWorkerOptions | null;
  /** Patients per clinic the daily safety state check reads (ONSET_CHECK_STATE_SAMPLE; 0: off). */
  checkStateSample: number;
}

/** Serves Onset on a migrated database until a signal stops it; closing it closes the database. */
export type Serve = (database: DatabaseHandle, options: ServeOptions) => Promise<{ url: string }>;

/** `onset start`: migrate, (on an empty database) create the synthetic demo clinic, and serve. */
export function registerStartCommand(program: Command, io: CliIo, serve: Serve): void {
  withDataOption(
    program
      .command('start')
      .description('start the Onset server (on an empty database, with a synthetic demo clinic unless --no-demo)')
      .option('--port <port>', 'TCP port', process.env.PORT ?? '3000')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--no-demo', 'start empty: do not create the synthetic demo clinic'),
  ).action(async (options: StartOptions) => {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw invalid('--port', `"${options.port}" is not a port number (0–65535)`);
    // A bad ONSET_SMTP_URL, ONSET_MAIL_FROM, ONSET_PUBLIC_URL or ONSET_CHECK_STATE_SAMPLE stops the start
    // here, with an error naming it.
    const mailOptions = process.env.ONSET_SMTP_URL ? mailOptionsFromEnv() : null;
    const checkStateSample = checkStateSampleFromEnv();
    const database = openDataDatabase(options);
    // Without an audit key (PostgreSQL without ONSET_AUDIT_KEY) no write could be audited: stop here.
    try {
      requireAuditKey(database.db, database.engine);
      await migrateToLatest(database);
    } catch (error) {
      await database.close();
      throw error;
    }
    const credentials = database.engine === 'sqlite' ? join(resolve(options.data), CREDENTIALS_FILE) : null;
    let signIn =
      'Create a clinic and a user: npx onset clinic create NAME, then npx onset user create --clinic ID --email E --role admin';
    if (options.demo && (await listClinics(database.db)).length === 0) {
      io.out('Creating the synthetic demo clinic (generated patients, not real people)…\n');
      const demo = await createDemoClinic(database);
      const text = `Synthetic demo data. Sign in as ${demo.email} (clinician), admin@onset.local (admin) or research@onset.local (researcher); password: ${demo.password}\n`;
      if (credentials !== null) writeFileSync(credentials, text, { mode: 0o600 });
      signIn = text.trim();
    } else if (credentials !== null && existsSync(credentials)) {
      signIn = readFileSync(credentials, 'utf8').trim();
    } else if ((await listClinics(database.db)).length > 0) {
      signIn = 'Sign in with your staff e-mail and password.';
    }
    const publicUrl = process.env.ONSET_PUBLIC_URL ?? '';
    const server = await serve(database, {
      port,
      host: options.host,
      logLevel: process.env.ONSET_LOG_LEVEL ?? 'warn',
      trustProxy: process.env.ONSET_TRUST_PROXY === '1',
      ...(publicUrl === '' ? {} : { publicUrl }),
      mail: mailOptions,
      checkStateSample,
    });
    const email = mailOptions === null ? 'e-mail off (ONSET_SMTP_URL is not set)' : 'e-mail on';
    io.out(
      `Onset is running at ${server.url}/ (database: ${database.engine}, ${database.location}; ${email})\n${signIn}\n`,
    );
  });
}
