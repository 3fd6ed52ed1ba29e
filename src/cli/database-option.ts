import type { Command } from 'commander';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export const DEFAULT_DATA_DIR = './onset-data';

export interface DataOptions {
  data: string;
}

/** Adds `--data DIR` to a command that touches data (ONSET_DATABASE_URL, when set, wins). */
export function withDataOption(command: Command): Command {
  return command.option(
    '--data <dir>',
    'data folder of the embedded SQLite database (ignored when ONSET_DATABASE_URL is set)',
    DEFAULT_DATA_DIR,
  );
}

/** Opens the database the options name, brings its schema up to date, runs `work`, and closes it. */
export async function useDatabase<R>(options: DataOptions, work: (handle: DatabaseHandle) => Promise<R>): Promise<R> {
  const handle = openDatabase({ dataDir: options.data });
  try {
    await migrateToLatest(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}
