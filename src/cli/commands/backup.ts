import { existsSync, mkdirSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { backUpDataFolderKey, backupKeyFile, restoreDataFolderKey } from '../../db/audit-key.js';
import { migrateToLatest } from '../../db/migrate.js';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { openSqlite, SQLITE_FILE_NAME } from '../../db/database.js';
import { OnsetError } from '../../shared/errors.js';
import { withDataOption, type DataOptions } from '../database-option.js';
import type { CliIo } from '../io.js';

/** `onset backup FILE` (online, consistent, safe while the server runs) and `onset restore FILE`. */
export function registerBackupCommands(program: Command, io: CliIo): void {
  withDataOption(
    program
      .command('restore')
      .description('restore a backup made by `onset backup` into an empty data folder')
      .argument('<file>', 'the backup file'),
    { init: false },
  ).action(async (file: string, options: DataOptions) => {
    if (process.env.ONSET_DATABASE_URL) {
      throw new OnsetError(
        'VALIDATION_FAILED',
        'this installation uses PostgreSQL (ONSET_DATABASE_URL); restore it with pg_restore',
      );
    }
    const source = resolve(file);
    if (!existsSync(source)) throw new OnsetError('NOT_FOUND', `no backup at ${source}`);
    const target = join(resolve(options.data), SQLITE_FILE_NAME);
    if (existsSync(target))
      throw new OnsetError('CONFLICT', `${target} already exists; restore into an empty data folder`);
    const backup = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
    try {
      const check = backup.pragma('integrity_check', { simple: true });
      if (check !== 'ok')
        throw new OnsetError('VALIDATION_FAILED', `${source} fails its integrity check: ${String(check)}`);
      const migrations = backup
        .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'onset_migrations'")
        .get() as { n: number };
      if (migrations.n !== 1) throw new OnsetError('VALIDATION_FAILED', `${source} is not an Onset database`);
      mkdirSync(resolve(options.data), { recursive: true });
      await backup.backup(target);
    } finally {
      backup.close();
    }
    restoreDataFolderKey(source, resolve(options.data));
    const restored = openSqlite(target);
    try {
      const applied = await migrateToLatest(restored);
      io.out(`restored ${source} to ${target}${applied.length > 0 ? ` (then applied ${applied.join(', ')})` : ''}\n`);
    } finally {
      await restored.close();
    }
  });

  withDataOption(
    program
      .command('backup')
      .description('write a consistent copy of the embedded database to FILE (SQLite online backup)')
      .argument('<file>', 'where to write the copy; must not exist'),
    { init: false },
  ).action(async (file: string, options: DataOptions) => {
    if (process.env.ONSET_DATABASE_URL) {
      throw new OnsetError(
        'VALIDATION_FAILED',
        'this installation uses PostgreSQL (ONSET_DATABASE_URL); back it up with pg_dump',
      );
    }
    const source = join(resolve(options.data), SQLITE_FILE_NAME);
    if (!existsSync(source)) throw new OnsetError('NOT_FOUND', `no database at ${source}`);
    const target = resolve(file);
    if (existsSync(target)) throw new OnsetError('CONFLICT', `${target} already exists; choose a new file name`);
    const handle = openSqlite(source);
    try {
      await handle.sqlite?.backup(target);
      io.out(`backed up ${source} to ${target}\n`);
      // The audit trail's MACs verify only with the key they were made with: it goes with the copy.
      if (backUpDataFolderKey(resolve(options.data), target))
        io.out(`the audit key is in ${backupKeyFile(target)}: keep it with the copy, as secret as the data\n`);
    } finally {
      await handle.close();
    }
  });
}
