import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ServiceContext } from '../records/context.js';
import { invalidMany, type FieldProblem } from '../shared/errors.js';
import { validate } from '../shared/validate.js';
import { changeClinicSettings } from './clinic-settings.js';
import { clinicRepository } from './clinic.repository.js';
import type { Clinic } from './clinic.schema.js';
import { getClinic } from './clinic.service.js';
import {
  frameAncestorsDirective,
  FrameAncestorsInput,
  normalOrigin,
  originProblem,
  type FrameAncestors,
} from './frame-ancestors.schema.js';

/** The stored origins of a clinic's settings document (`frameAncestors`); none stored is none allowed. */
export function storedFrameAncestors(settings: Clinic['settings']): string[] {
  const stored = settings.frameAncestors;
  if (!Array.isArray(stored)) return [];
  // A stored value is re-checked before it reaches a header: only what the form would take is sent.
  return stored.filter((o): o is string => typeof o === 'string' && originProblem(o) === null).map(normalOrigin);
}

function view(origins: string[]): FrameAncestors {
  return { origins, directive: frameAncestorsDirective(origins) };
}

export async function getFrameAncestors(ctx: ServiceContext): Promise<FrameAncestors> {
  return view(storedFrameAncestors((await getClinic(ctx.db, ctx.clinicId)).settings));
}

/**
 * The `frame-ancestors` directive for the app pages a clinic's staff open: read from the clinic row on the
 * reader connection (a page load writes nothing).
 */
export async function frameAncestorsDirectiveOf(db: Kysely<Database>, clinicId: string): Promise<string> {
  const row = await clinicRepository.findById(db, clinicId);
  if (row === undefined) return frameAncestorsDirective([]);
  return frameAncestorsDirective(storedFrameAncestors(JSON.parse(row.settings) as Clinic['settings']));
}

/**
 * Replaces the clinic's list of origins allowed to frame Onset. Every origin is checked (each refused one named
 * with why: `origins.1: must start with https://`) before anything is stored; repeats are kept once. The
 * change goes through the one settings write path and is audited with the origins it allows.
 */
export async function updateFrameAncestors(ctx: ServiceContext, body: unknown): Promise<FrameAncestors> {
  const input = validate(FrameAncestorsInput, body);
  const problems: FieldProblem[] = [];
  input.origins.forEach((origin, i) => {
    const reason = originProblem(origin);
    if (reason !== null) problems.push({ field: `origins.${i}`, reason });
  });
  if (problems.length > 0) throw invalidMany(problems);
  const origins = [...new Set(input.origins.map(normalOrigin))];
  return changeClinicSettings(ctx, (stored) => ({
    settings: { ...stored, frameAncestors: origins },
    detail: { frameAncestors: origins },
    result: view(origins),
  }));
}
