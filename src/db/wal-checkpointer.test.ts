import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';

let dir: string;
let file: string;
let writer: SqliteDatabase.Database;
let checkpointer: WalCheckpointer | null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onset-wal-'));
  file = join(dir, 'onset.sqlite');
  writer = new SqliteDatabase(file);
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  checkpointer = null;
});

afterEach(async () => {
  await checkpointer?.stop();
  if (writer.open) writer.close();
  rmSync(dir, { recursive: true, force: true });
});

const size = (path: string): number => (existsSync(path) ? statSync(path).size : 0);

function insertRows(count: number, bytes: number): void {
  const insert = writer.prepare('INSERT INTO rows (body) VALUES (?)');
  writer.transaction(() => {
    for (let i = 0; i < count; i++) insert.run('x'.repeat(bytes));
  })();
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

const failOnError = (error: Error): never => {
  throw error;
};

describe('startWalCheckpointer', () => {
  it('copies committed pages from the WAL into the database file in the background', async () => {
    // The writer never checkpoints here, so only the worker can move pages into the database file.
    writer.pragma('wal_autocheckpoint = 0');
    insertRows(500, 1000);
    const before = size(file);
    expect(size(`${file}-wal`)).toBeGreaterThan(500_000);
    expect(before).toBeLessThan(100_000);

    checkpointer = startWalCheckpointer(file, failOnError, { activeMs: 5 });
    expect(await until(() => size(file) > 500_000)).toBe(true);
    const reader = new SqliteDatabase(file, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 500 });
    reader.close();
  });

  it('leaves the writer its own checkpoint, so the WAL keeps restarting under continuous writes', async () => {
    // The writer's automatic checkpoint (here every 1,000 pages, about 4 MB) restarts the WAL; a
    // background checkpointer that held the checkpoint lock all the time would let it grow with every commit.
    writer.pragma('synchronous = NORMAL');
    checkpointer = startWalCheckpointer(file, failOnError, { activeMs: 1, idleMs: 1, writer, writerPages: 1000 });
    let largest = 0;
    // 1,500 commits of 10 rows of 4,000 bytes: about 60 MB through the WAL.
    for (let commit = 0; commit < 1_500; commit++) {
      insertRows(10, 4000);
      largest = Math.max(largest, size(`${file}-wal`));
      // Turn the event loop now and then, as a server does between batches.
      if (commit % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // A WAL that never restarted would hold all 60 MB; one that restarts stays a few checkpoints' worth. Half
    // the total leaves room for a loaded machine, where checkpoints fall behind (22.7 MB seen with the whole
    // suite running twice at once), and still fails a checkpointer that keeps the writer from restarting.
    expect(largest).toBeLessThan(30_000_000);
  });

  it('has the writer checkpoint itself every 4,000 pages while it runs, and as before once it stops', async () => {
    writer.pragma('wal_autocheckpoint = 1500');
    checkpointer = startWalCheckpointer(file, failOnError, { writer });
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(4000);
    await checkpointer.stop();
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(1500);
    checkpointer = startWalCheckpointer(file, failOnError, { writer, writerPages: 2000 });
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(2000);
  });

  it('closes its connection on stop, so the last connection to close removes the WAL', async () => {
    insertRows(100, 1000);
    checkpointer = startWalCheckpointer(file, failOnError, { activeMs: 5 });
    expect(await until(() => size(file) > 100_000)).toBe(true);
    const first = checkpointer.stop();
    expect(checkpointer.stop()).toBe(first);
    await first;
    writer.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('waits out a lock it cannot get instead of stopping, then copies the pages once the lock is gone', async () => {
    writer.pragma('wal_autocheckpoint = 0');
    // Exclusive locking mode: after its next write the writer keeps the database to itself.
    writer.pragma('locking_mode = EXCLUSIVE');
    insertRows(300, 1000);
    const before = size(file);
    const errors: Error[] = [];
    const runs: string[] = [];
    checkpointer = startWalCheckpointer(file, (error) => errors.push(error), {
      activeMs: 5,
      onRun: (outcome) => runs.push(outcome),
    });
    // Three runs have found the lock held and kept going; none copied anything.
    expect(await until(() => runs.length >= 3)).toBe(true);
    expect(runs.slice(0, 3)).toEqual(['busy', 'busy', 'busy']);
    expect(size(file)).toBe(before);
    writer.pragma('locking_mode = NORMAL');
    insertRows(1, 10); // the lock is released at the end of the next transaction
    expect(await until(() => size(file) > 300_000)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('reports a database it cannot open, creates nothing there and gives the writer its own setting back', async () => {
    const missing = join(dir, 'absent.sqlite');
    const errors: Error[] = [];
    checkpointer = startWalCheckpointer(missing, (error) => errors.push(error), { writer });
    expect(await until(() => errors.length > 0)).toBe(true);
    expect(errors[0]?.message).toMatch(/^WAL checkpointer: .*(unable to open|does not exist)/i);
    // Without the worker the writer checkpoints at SQLite's default again.
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop();
    expect(existsSync(missing)).toBe(false);
  });
});
