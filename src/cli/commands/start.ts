import type { Command } from 'commander';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildApp } from '../../http/app.js';
import { listen } from '../../http/server.js';
import { invalid } from '../../shared/errors.js';
import { withDataOption, type DataOptions } from '../database-option.js';
import type { CliIo } from '../io.js';

interface StartOptions extends DataOptions {
  port: string;
  host: string;
  demo: boolean;
}

/** `onset start`: migrate, (on an empty database) create the synthetic demo clinic, and serve. */
export function registerStartCommand(program: Command, io: CliIo): void {
  withDataOption(
    program
      .command('start')
      .description('start the Onset server')
      .option('--port <port>', 'TCP port', process.env.PORT ?? '3000')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--no-demo', 'start empty: do not create the synthetic demo clinic'),
  ).action(async (options: StartOptions) => {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw invalid('--port', `"${options.port}" is not a port number (0–65535)`);
    const database = openDatabase({ dataDir: options.data });
    await migrateToLatest(database);
    const app = await buildApp({ database, logLevel: process.env.ONSET_LOG_LEVEL ?? 'warn' });
    const server = await listen(app, { port, host: options.host, onClosed: () => database.close() });
    io.out(`Onset is running at ${server.url}/ (database: ${database.engine}, ${database.location})\n`);
  });
}
