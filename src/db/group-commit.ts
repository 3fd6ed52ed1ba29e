import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { closeUnit, openUnit, writerConnection } from './statement-cache.js';

type Work<R> = (trx: Kysely<Database>) => Promise<R>;

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the embedded SQLite database. With synchronous=FULL every commit waits for the disk;
 * SQLite runs one writer at a time anyway, so concurrent write transactions are queued and run together:
 * one BEGIN, each unit of work inside its own SAVEPOINT (a failing one is rolled back alone), one COMMIT,
 * and only then is every caller answered. Nothing is acknowledged before the commit that holds it has
 * reached the disk, and a crash at any point loses only unacknowledged work.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBatch = 64,
  ) {}

  run<R>(work: Work<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ work: work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        await this.gather();
        const batch = this.queue.splice(0, this.maxBatch);
        await this.runBatch(batch);
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * A batch runs as one long chain of synchronous SQLite calls; requests still on their way (parsing,
   * validation) only move forward when the event loop turns. Turn it a few times while the queue keeps
   * growing, so that concurrent work joins the batch instead of waiting for the next commit.
   */
  private async gather(): Promise<void> {
    for (let turn = 0; turn < 4; turn++) {
      const before = this.queue.length;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.queue.length === before || this.queue.length >= this.maxBatch) return;
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    let trx;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    try {
      const connection = writerConnection(this.db);
      for (const item of batch) {
        const point = await trx.savepoint('unit_of_work').execute();
        if (connection !== undefined) openUnit(point, connection);
        try {
          const value = await item.work(point);
          closeUnit(point);
          await point.releaseSavepoint('unit_of_work').execute();
          outcomes.push({ ok: true, value });
        } catch (error) {
          closeUnit(point);
          await point.rollbackToSavepoint('unit_of_work').execute();
          await trx.releaseSavepoint('unit_of_work' as never).execute();
          outcomes.push({ ok: false, value: error });
        }
      }
      await trx.commit().execute();
    } catch (error) {
      // The commit (or a savepoint command) failed: nothing of this batch is stored.
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok === true) item.resolve(outcome.value);
      else item.reject(outcome?.value);
    });
  }
}

const committers = new WeakMap<Kysely<Database>, GroupCommitter>();

/** The group committer of one SQLite database handle. */
export function groupCommitter(db: Kysely<Database>): GroupCommitter {
  let committer = committers.get(db);
  if (committer === undefined) {
    committer = new GroupCommitter(db);
    committers.set(db, committer);
  }
  return committer;
}
