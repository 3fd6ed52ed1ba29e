import type { Kysely } from 'kysely';
import type { Engine } from '../db/database.js';
import type { Database } from '../db/schema.js';

/** Who is acting: a signed-in user, a patient link, the CLI, or Onset itself (scheduled rules, demo). */
export interface Actor {
  type: 'user' | 'patient-link' | 'cli' | 'system';
  id: string | null;
  ip: string | null;
}

/**
 * What every service call needs: the database, the clinic it acts for, who acts, and the clock.
 * The clinic comes from the signed-in identity, never from the request body.
 */
export interface ServiceContext {
  db: Kysely<Database>;
  engine: Engine;
  clinicId: string;
  actor: Actor;
  now(): Date;
}

export function systemActor(type: Actor['type'] = 'system'): Actor {
  return { type, id: null, ip: null };
}
