/** What an incoming resource becomes before it is written: an Onset create body plus what to resolve. */
import type { PendingReference } from './reference.js';

export type RecordKind =
  | 'patient'
  | 'course'
  | 'dose'
  | 'assessment'
  | 'adverse-event'
  | 'therapy-session'
  | 'medication';

export interface Incoming {
  kind: RecordKind;
  /** The Onset create body; reference fields are filled in from `references` once resolved. */
  body: Record<string, unknown>;
  references: PendingReference[];
  /** Onset field → path of the element it came from, so a service's refusal names the FHIR element. */
  paths: Readonly<Record<string, string>>;
}

/**
 * The element an Onset field came from: an exact match, else its parent field (`answers.3` → `answers`), else the
 * resource.
 */
export function pathOfField(incoming: Pick<Incoming, 'paths'>, field: string): string {
  let key = field;
  for (;;) {
    const path = incoming.paths[key];
    if (path !== undefined) return path;
    const cut = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
    if (cut <= 0) return '';
    key = key.slice(0, cut);
  }
}
