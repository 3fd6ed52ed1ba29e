import { randomBytes } from 'node:crypto';
import { copyFileSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from './engine.js';

/**
 * The key of the audit chain's MACs. It comes from ONSET_AUDIT_KEY. Without it, an embedded (SQLite)
 * database keeps a generated key in its data folder (`audit.key`, readable by its owner only); a
 * PostgreSQL deployment has no such folder, so it must set the variable, and the server refuses to start
 * without it. Someone who can change the database but cannot read the key cannot recompute the MACs.
 */
export const AUDIT_KEY_ENV = 'ONSET_AUDIT_KEY';
export const AUDIT_KEY_FILE = 'audit.key';
const MIN_LENGTH = 32;

let envCache: { text: string; key: Buffer } | undefined;

function fromEnvironment(): Buffer | undefined {
  const text = process.env[AUDIT_KEY_ENV];
  if (text === undefined || text === '') return undefined;
  if (text.length < MIN_LENGTH) throw new Error(`${AUDIT_KEY_ENV}: must be at least ${MIN_LENGTH} characters`);
  if (envCache?.text !== text) envCache = { text, key: Buffer.from(text, 'utf8') };
  return envCache.key;
}

/** Any Kysely instance: a database, or a transaction or connection of it. */
interface KeyedDatabase {
  getExecutor(): { readonly adapter: object };
}

// Keyed by the database's dialect adapter: one object per opened database, shared by its transactions.
const databaseKeys = new WeakMap<object, Buffer>();
const identity = (db: KeyedDatabase): object => db.getExecutor().adapter;

/**
 * Called when an embedded database is opened without ONSET_AUDIT_KEY: gives it its data folder's key,
 * written on first use (`dir` null: an in-memory database, whose key lives as long as it does).
 */
export function useDataFolderKey(db: KeyedDatabase, dir: string | null): void {
  if (fromEnvironment() !== undefined) return;
  let key: Buffer;
  if (dir === null) key = randomBytes(32);
  else {
    const file = join(dir, AUDIT_KEY_FILE);
    if (!existsSync(file)) writeKeyFile(file);
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
    if (key.length < MIN_LENGTH) throw new Error(`${file}: the audit key must be at least ${MIN_LENGTH} characters`);
  }
  databaseKeys.set(identity(db), key);
}

function writeKeyFile(file: string): void {
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process opening the same folder wrote it first: use theirs.
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  }
}

/** The audit key for `db` (ONSET_AUDIT_KEY first); throws, naming the variable, when there is none. */
export function auditKey(db: KeyedDatabase): Buffer {
  const key = fromEnvironment() ?? databaseKeys.get(identity(db));
  if (key === undefined)
    throw new Error(`${AUDIT_KEY_ENV} is not set: the audit trail cannot be MAC-protected (see docs/operations.md)`);
  return key;
}

/** Refuses to start a server that could not protect its audit trail (PostgreSQL without ONSET_AUDIT_KEY). */
export function requireAuditKey(db: KeyedDatabase, engine: Engine): void {
  if (engine === 'postgres' && fromEnvironment() === undefined) {
    throw new Error(
      `${AUDIT_KEY_ENV} is not set: with PostgreSQL the audit key must come from the environment (see docs/operations.md)`,
    );
  }
  auditKey(db);
}

/**
 * Where `onset backup FILE` keeps the data folder's key beside the copy: without it the restored trail cannot verify.
 */
export const backupKeyFile = (backup: string): string => `${backup}.${AUDIT_KEY_FILE}`;

/** Copies the data folder's key beside a backup (nothing to copy when the key comes from ONSET_AUDIT_KEY). */
export function backUpDataFolderKey(dataDir: string, backup: string): boolean {
  const file = join(dataDir, AUDIT_KEY_FILE);
  if (fromEnvironment() !== undefined || !existsSync(file)) return false;
  copyFileSync(file, backupKeyFile(backup), constants.COPYFILE_EXCL);
  return true;
}

/** Puts a backup's key into the data folder it is restored to, before the restored database is opened. */
export function restoreDataFolderKey(backup: string, dataDir: string): boolean {
  if (!existsSync(backupKeyFile(backup))) return false;
  copyFileSync(backupKeyFile(backup), join(dataDir, AUDIT_KEY_FILE), constants.COPYFILE_EXCL);
  return true;
}
