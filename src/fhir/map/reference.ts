/** References between resources: how Onset writes them, and how an incoming one is read and resolved. */
import { child, type FhirReader, type Json } from './read.js';

/** Writes a reference to a record: `Patient/{id}` on the API, `urn:uuid:{id}` inside an export Bundle. */
export type Linker = (type: string, id: string) => string;

export const restLink: Linker = (type, id) => `${type}/${id}`;
export const uuidLink: Linker = (_type, id) => `urn:uuid:${id}`;

/** A reference an incoming resource makes, resolved later against its Bundle or the clinic's records. */
export interface PendingReference {
  /** The Onset body field the resolved id goes into, e.g. `patientId`. */
  field: string;
  /** As written: `Patient/{id}`, an absolute URL ending in it, or a Bundle entry's fullUrl (`urn:uuid:…`). */
  reference: string;
  /** Path of the Reference element below the resource, e.g. `subject`. */
  at: string;
  /** The resource type it must point to. */
  target: string;
}

/** Reads `parent[key]` as a literal Reference to a `target` resource. */
export function readReference(
  r: FhirReader,
  parent: Json,
  key: string,
  at: string,
  target: string,
  field: string,
  required = false,
): PendingReference | undefined {
  const refAt = child(at, key);
  const ref = r.obj(parent, key, at, required);
  if (ref === undefined) return undefined;
  r.only(ref, ['reference', 'display', 'type'], refAt);
  if (ref.type !== undefined && ref.type !== target) r.fail(child(refAt, 'type'), `must be ${target}`);
  const reference = r.str(ref, 'reference', refAt, true);
  if (reference === undefined) return undefined;
  return { field, reference, at: refAt, target };
}

/** The id in a literal `Type/{id}` reference (or an absolute URL ending in one), when the type matches. */
export function literalId(reference: string, target: string): string | undefined {
  const match = /(?:^|\/)([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(reference);
  if (match === null || match[1] !== target) return undefined;
  return match[2];
}
