import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { openSqlite, SQLITE_FILE_NAME } from '../../db/database.js';
import { OnsetError } from '../../shared/errors.js';
import { withDataOption, type DataOptions } from '../database-option.js';
import type { CliIo } from '../io.js';

/** `onset backup FILE`: an online, consistent copy of the SQLite database (safe while the server runs). */
export function registerBackupCommands(program: Command, io: CliIo): void {
  withDataOption(
    program
      .command('backup')
      .description('write a consistent copy of the embedded database to FILE (SQLite online backup)')
      .argument('<file>', 'where to write the copy; must not exist'),
  ).action(async (file: string, options: DataOptions) => {
    if (process.env.ONSET_DATABASE_URL) {
      throw new OnsetError('VALIDATION_FAILED', 'this installation uses PostgreSQL (ONSET_DATABASE_URL); back it up with pg_dump');
    }
    const source = join(resolve(options.data), SQLITE_FILE_NAME);
    if (!existsSync(source)) throw new OnsetError('NOT_FOUND', `no database at ${source}`);
    const target = resolve(file);
    if (existsSync(target)) throw new OnsetError('CONFLICT', `${target} already exists; choose a new file name`);
    const handle = openSqlite(source);
    try {
      await handle.sqlite?.backup(target);
      io.out(`backed up ${source} to ${target}\n`);
    } finally {
      await handle.close();
    }
  });
}
