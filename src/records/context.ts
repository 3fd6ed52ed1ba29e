import type { DatabaseHandle } from '../db/database.js';
import type { SnapshotContext } from '../db/transaction.js';

/** Who is acting: a signed-in user, a patient link, the CLI, or Onset itself (scheduled rules, demo). */
export interface Actor {
  type: 'user' | 'patient-link' | 'cli' | 'system';
  id: string | null;
  ip: string | null;
}

/**
 * What every service call needs: the database (the writer, and the reader for snapshots: db/transaction.ts),
 * the clinic it acts for, who acts, and the clock. The clinic comes from the signed-in identity, never
 * from the request body.
 */
export interface ServiceContext extends SnapshotContext {
  clinicId: string;
  actor: Actor;
}

export function systemActor(type: Actor['type'] = 'system'): Actor {
  return { type, id: null, ip: null };
}

/**
 * A context acting for one clinic as Onset itself (background work, the demo) or as its command line:
 * no signed-in user, the clock `now` (the real one unless given).
 */
export function systemContext(
  handle: Pick<DatabaseHandle, 'db' | 'reader' | 'engine'>,
  clinicId: string,
  options: { now?: Date; actor?: 'system' | 'cli' } = {},
): ServiceContext {
  const { now } = options;
  return {
    db: handle.db,
    reader: handle.reader,
    engine: handle.engine,
    clinicId,
    actor: systemActor(options.actor ?? 'system'),
    now: now === undefined ? () => new Date() : () => now,
  };
}
