/**
 * Reading incoming FHIR JSON: every element is checked for the type Onset needs, and every refusal is
 * collected (never only the first) with the element's FHIRPath, e.g. `Patient.telecom[1].value`.
 */
import type { FieldProblem } from '../../shared/errors.js';
import { joinPath } from '../outcome.js';

export type Json = Record<string, unknown>;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `at.key`, or `key` at the root. */
export function child(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`;
}

/** True for a JSON object (not an array, not null). */
export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One extension found on an element, with its path. */
export interface FoundExtension {
  url: string;
  ext: Json;
  at: string;
}

/** Collects problems while reading one resource; `root` is the resource's own FHIRPath. */
export class FhirReader {
  readonly problems: FieldProblem[] = [];

  constructor(readonly root: string) {}

  /** The full FHIRPath of a path below the resource. */
  path(at: string): string {
    return joinPath(this.root, at);
  }

  /** Records a refusal of the element at `at`. */
  fail(at: string, reason: string): void {
    this.problems.push({ field: this.path(at), reason });
  }

  /** Refuses elements Onset would not store (nothing is dropped silently) and every modifierExtension. */
  only(obj: Json, allowed: readonly string[], at: string): void {
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key)) continue;
      const reason =
        key === 'modifierExtension'
          ? 'modifier extensions change the meaning of the resource and Onset does not understand them'
          : `is not stored by Onset; supported here: ${allowed.join(', ')}`;
      this.fail(child(at, key), reason);
    }
  }

  /** `parent[key]` when `accept` takes it; otherwise records why (absent and required, or refused). */
  private read<T>(
    parent: Json,
    key: string,
    at: string,
    required: boolean,
    accept: (value: unknown) => { ok: T } | { refused: string },
  ): T | undefined {
    const value = parent[key];
    if (value === undefined) {
      if (required) this.fail(child(at, key), 'is required');
      return undefined;
    }
    const result = accept(value);
    if ('ok' in result) return result.ok;
    this.fail(child(at, key), result.refused);
    return undefined;
  }

  /** An object element. */
  obj(parent: Json, key: string, at: string, required = false): Json | undefined {
    return this.read(parent, key, at, required, (value) =>
      isJson(value) ? { ok: value } : { refused: 'must be an object' },
    );
  }

  /** A non-empty array element. */
  list(parent: Json, key: string, at: string, required = false): unknown[] | undefined {
    return this.read(parent, key, at, required, (value) => {
      if (!Array.isArray(value)) return { refused: 'must be an array' };
      return value.length === 0
        ? { refused: 'must not be an empty array (leave the element out instead)' }
        : { ok: value as unknown[] };
    });
  }

  /** The objects of an array element, each with its path. */
  objects(parent: Json, key: string, at: string, required = false): { value: Json; at: string }[] {
    const items = this.list(parent, key, at, required) ?? [];
    const found: { value: Json; at: string }[] = [];
    items.forEach((item, index) => {
      const itemAt = `${child(at, key)}[${index}]`;
      if (isJson(item)) found.push({ value: item, at: itemAt });
      else this.fail(itemAt, 'must be an object');
    });
    return found;
  }

  /** A non-empty string element. */
  str(parent: Json, key: string, at: string, required = false): string | undefined {
    return this.read(parent, key, at, required, (value) =>
      typeof value === 'string' && value.trim() !== '' ? { ok: value } : { refused: 'must be non-empty text' },
    );
  }

  /** A whole-number element. */
  int(parent: Json, key: string, at: string, required = false): number | undefined {
    return this.read(parent, key, at, required, (value) =>
      typeof value === 'number' && Number.isInteger(value)
        ? { ok: value }
        : { refused: `${JSON.stringify(value)} is not a whole number` },
    );
  }

  /** A finite-number element. */
  num(parent: Json, key: string, at: string, required = false): number | undefined {
    return this.read(parent, key, at, required, (value) =>
      typeof value === 'number' && Number.isFinite(value)
        ? { ok: value }
        : { refused: `${JSON.stringify(value)} is not a number` },
    );
  }

  /** A dateTime with a time and a zone, as Onset stores instants. */
  dateTime(parent: Json, key: string, at: string, required = false): string | undefined {
    const value = this.str(parent, key, at, required);
    if (value === undefined) return undefined;
    if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return value;
    this.fail(child(at, key), `"${value}" must be a date-time with a time zone, e.g. 2026-01-05T10:00:00Z`);
    return undefined;
  }

  /** A calendar date, YYYY-MM-DD; a dateTime is cut to its date as written. */
  date(parent: Json, key: string, at: string, required = false): string | undefined {
    const value = this.str(parent, key, at, required);
    if (value === undefined) return undefined;
    const day = value.slice(0, 10);
    if (
      DATE.test(day) &&
      !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
      (value.length === 10 || DATE_TIME.test(value))
    )
      return day;
    this.fail(child(at, key), `"${value}" must be a calendar date, YYYY-MM-DD`);
    return undefined;
  }

  /** A code that must be one of `allowed`. */
  code<T extends string>(value: string | undefined, allowed: readonly T[], at: string): T | undefined {
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.fail(at, `"${value}" is not one of: ${allowed.join(', ')}`);
  }

  /** The element's extensions (each checked to be an object with a url). Unknown ones are ignored by callers. */
  extensions(obj: Json, at: string): FoundExtension[] {
    return this.objects(obj, 'extension', at).flatMap(({ value, at: extAt }) => {
      const url = this.str(value, 'url', extAt, true);
      return url === undefined ? [] : [{ url, ext: value, at: extAt }];
    });
  }

  /** The one extension with `url`, refusing repeats. */
  single(found: readonly FoundExtension[], url: string): FoundExtension | undefined {
    const matches = found.filter((e) => e.url === url);
    for (const extra of matches.slice(1)) this.fail(extra.at, `repeats ${url}, which may appear once`);
    return matches[0];
  }

  /**
   * The code of the coding in `concept` that uses `system`, checked against `allowed` (an absent concept was reported
   * by its reader).
   */
  codingIn<T extends string>(
    concept: Json | undefined,
    system: string,
    allowed: readonly T[],
    at: string,
    required = false,
  ): T | undefined {
    if (concept === undefined) return undefined;
    const codings = this.objects(concept, 'coding', at);
    const match = codings.find((c) => c.value.system === system);
    if (match === undefined) {
      if (required)
        this.fail(child(at, 'coding'), `needs a coding with system ${system} (one of: ${allowed.join(', ')})`);
      return undefined;
    }
    return this.code(this.str(match.value, 'code', match.at, true), allowed, child(match.at, 'code'));
  }
}
