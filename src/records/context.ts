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
