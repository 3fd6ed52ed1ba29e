import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

export interface WalCheckpointer {
  /** Stops the checkpoints and closes the worker's connection; resolves once the worker has exited. */
  stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
  /** Pause after a checkpoint that found new frames in the WAL (default 20 ms). */
  activeMs?: number;
  /** Pause after one that found nothing new (default 250 ms), so an idle server rarely wakes. */
  idleMs?: number;
  /**
   * The server's writer connection. While the worker runs, the writer checkpoints itself every
   * `writerPages` WAL pages (default 4,000) instead of SQLite's 1,000; its setting is put back when the
   * worker stops or fails.
   */
  writer?: SqliteDatabase.Database;
  writerPages?: number;
  /**
   * Hears how each run ended: 'moved' (new frames copied), 'idle' (nothing new) or 'busy' (a lock was
   * held, tried again later). For tests and diagnostics; without it the worker sends nothing per run.
   */
  onRun?: (outcome: CheckpointRun) => void;
}

export type CheckpointRun = 'moved' | 'idle' | 'busy';

/**
 * The worker's whole program (plain CommonJS, so it runs the same under tsx, vitest and the compiled
 * build). It opens its own connection and, in a loop, copies the WAL's committed pages into the
 * database file with a PASSIVE checkpoint: one that never waits for and never blocks the writer or
 * the readers. busy_timeout 0: when the writer is checkpointing itself, this run is skipped.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
let ready = false;
let timer;
let last = { log: -1, checkpointed: -1 };
function report(outcome) {
  if (workerData.observe) parentPort.postMessage({ run: outcome });
}
function run() {
  try {
    if (!ready) {
      if (db === undefined) {
        db = new Database(workerData.file, { fileMustExist: true });
        db.pragma('busy_timeout = 0');
      }
      // The checkpoint syncs the database file before the WAL may restart over the frames it copied;
      // with synchronous=OFF it would not, and a power cut could lose committed writes. FULL, as the writer.
      db.pragma('synchronous = FULL');
      ready = true;
    }
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    const moved = result.log !== last.log || result.checkpointed !== last.checkpointed;
    last = result;
    report(moved ? 'moved' : 'idle');
    timer = setTimeout(run, moved ? workerData.activeMs : workerData.idleMs);
  } catch (error) {
    // Another connection holds a lock this needs (the writer checkpointing, a backup): try again later.
    if (error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED')) {
      report('busy');
      timer = setTimeout(run, workerData.activeMs);
    } else fail(error);
  }
}
function fail(error) {
  parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
  if (db !== undefined && db.open) db.close();
  parentPort.close();
}
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  if (db !== undefined && db.open) db.close();
  parentPort.close();
});
timer = setTimeout(run, 0);
`;

/**
 * Runs SQLite's WAL checkpoints on a worker thread beside a long-running server.
 *
 * With synchronous=FULL a checkpoint copies every page the WAL holds into the database file and waits
 * for the disk twice; run by the writer after a commit (wal_autocheckpoint, every ~1,000 pages), it
 * blocks the event loop for that long, and every request in flight waits with it. Here a second
 * connection copies the pages in the background. The writer's own automatic checkpoint stays on: it
 * then finds almost every page already copied and on disk, and it is the one that lets the WAL restart
 * from its beginning (a background checkpoint cannot, because the writer keeps adding pages under
 * load). The pauses between runs leave the checkpoint lock free for the writer's turn.
 *
 * The writer's checkpoint is still the slowest commit of a busy server: it copies what the worker has
 * not yet reached and waits for the database file to reach the disk (about 20 ms on this project's
 * test machines). Given the writer, it comes every 4,000 pages instead of 1,000, a quarter as often
 * (under the bench:api load, 20 s: commits over 10 ms fell from 23–31 to 1–7, commit p99 from 17–23 ms
 * to 6–10 ms), and the WAL file grows to about 16 MB before it restarts.
 *
 * Durability does not depend on it: a commit is durable once its WAL frames are synced, before any
 * checkpoint. `onError` hears of a failure (the worker then stops; the writer's checkpoints continue at
 * their own setting).
 */
export function startWalCheckpointer(
  file: string,
  onError: (error: Error) => void,
  options: WalCheckpointerOptions = {},
): WalCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      activeMs: options.activeMs ?? 20,
      idleMs: options.idleMs ?? 250,
      observe: options.onRun !== undefined,
    },
  });
  // It never keeps the process alive by itself; stop() is how a server closes it in order.
  worker.unref();
  const writer = options.writer;
  const writerSetting =
    writer === undefined ? undefined : (writer.pragma('wal_autocheckpoint', { simple: true }) as number);
  writer?.pragma(`wal_autocheckpoint = ${options.writerPages ?? 4000}`);
  const restoreWriter = (): void => {
    if (writer?.open === true) writer.pragma(`wal_autocheckpoint = ${writerSetting}`);
  };
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: { error?: string; run?: CheckpointRun }) => {
    if (message.run !== undefined) {
      options.onRun?.(message.run);
      return;
    }
    if (message.error === undefined) return;
    restoreWriter();
    onError(new Error(`WAL checkpointer: ${message.error}`));
  });
  worker.on('error', (error) => {
    restoreWriter();
    onError(error);
  });
  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        restoreWriter();
        // Held while it stops: otherwise a process with nothing else left to do would end before the
        // worker has closed its connection, with the caller's await never resolved.
        worker.ref();
        worker.postMessage('stop');
        await exited;
      })();
      return stopping;
    },
  };
}
