import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { openDatabase, SQLITE_FILE_NAME, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { OnsetError } from '../shared/errors.js';

export const DEFAULT_DATA_DIR = './onset-data';

export interface DataOptions {
  data: string;
  /** Create a new embedded database when the data folder has none. */
  init?: boolean;
}

/**
 * Adds `--data DIR` to a command that touches data (ONSET_DATABASE_URL, when set, wins), and `--init`
 * unless the command never creates a database of its own (backup, restore).
 */
export function withDataOption(command: Command, options: { init: boolean } = { init: true }): Command {
  command.option(
    '--data <dir>',
    'data folder of the embedded SQLite database (ignored when ONSET_DATABASE_URL is set)',
    DEFAULT_DATA_DIR,
  );
  if (!options.init) return command;
  return command.option(
    '--init',
    'create a new embedded database if the data folder has none (needed for any folder but the default)',
  );
}

/**
 * Opens the database the options name. A new SQLite database is created only in the default folder or
 * with `--init`: a mistyped `--data` must not quietly start an empty installation beside the real one.
 */
export function openDataDatabase(options: DataOptions): DatabaseHandle {
  const url = process.env.ONSET_DATABASE_URL;
  if (url === undefined || url === '') {
    const folder = resolve(options.data);
    const isDefault = folder === resolve(DEFAULT_DATA_DIR);
    if (options.init !== true && !isDefault && !existsSync(join(folder, SQLITE_FILE_NAME))) {
      throw new OnsetError(
        'NOT_FOUND',
        `no Onset database in ${folder}; check --data, or add --init to create a new one there`,
      );
    }
  }
  return openDatabase({ dataDir: options.data });
}

/** Opens the database the options name, brings its schema up to date, runs `work`, and closes it. */
export async function useDatabase<R>(options: DataOptions, work: (handle: DatabaseHandle) => Promise<R>): Promise<R> {
  const handle = openDataDatabase(options);
  try {
    await migrateToLatest(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}
