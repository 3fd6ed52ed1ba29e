/** Whether a resource meets parsed search criteria (FHIR search semantics for each parameter type). */
import { instrumentByReference } from './map/questionnaire.js';
import { isJson, type Json } from './map/read.js';
import type { Criterion, SearchValue, StringModifier } from './search.js';
import { DAY_MS } from '../shared/time.js';

/** True when every criterion has at least one value that matches the resource. */
export function matchesAll(resource: Json, criteria: readonly Criterion[]): boolean {
  return criteria.every((criterion) => {
    const elements = criterion.param.path.split('|').flatMap((path) => valuesAt(resource, path));
    return criterion.values.some((value) => matchesValue(elements, value, criterion.modifier));
  });
}

/** The values at a dotted path; arrays along the way are walked. */
export function valuesAt(resource: unknown, path: string): unknown[] {
  let current: unknown[] = [resource];
  for (const key of path.split('.')) {
    current = current.flatMap((value) => {
      const next = isJson(value) ? value[key] : undefined;
      if (next === undefined) return [];
      return Array.isArray(next) ? (next as unknown[]) : [next];
    });
  }
  return current;
}

function matchesValue(elements: readonly unknown[], value: SearchValue, modifier: StringModifier): boolean {
  switch (value.kind) {
    case 'token':
      return elements.some((e) => tokenMatches(e, value.system, value.code));
    case 'string':
      return elements.flatMap(stringsOf).some((text) => stringMatches(text, value.text, modifier));
    case 'reference':
      return elements.some(
        (e) => typeof e === 'string' && e.slice(e.lastIndexOf('/') + 1) === value.id && e.includes('/'),
      );
    case 'uri':
      return elements.some((e) => typeof e === 'string' && uriMatches(e, value.uri));
    case 'date':
      return elements.some((e) => dateMatches(e, value));
  }
}

function tokenMatches(element: unknown, system: string | undefined, code: string): boolean {
  if (typeof element === 'string') return system === undefined && element === code;
  if (!isJson(element)) return false;
  const elementCode = element.code ?? element.value;
  if (elementCode !== code) return false;
  if (system === undefined) return true;
  return system === '' ? element.system === undefined : element.system === system;
}

/** The searchable text of an element: a string, or a HumanName's text and parts. */
function stringsOf(element: unknown): string[] {
  if (typeof element === 'string') return [element];
  if (!isJson(element)) return [];
  const parts = [element.text, element.family, ...(Array.isArray(element.given) ? (element.given as unknown[]) : [])];
  return parts.filter((p): p is string => typeof p === 'string');
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** FHIR string search: from the start of the text or of any word in it; :contains anywhere; :exact whole. */
function stringMatches(text: string, wanted: string, modifier: StringModifier): boolean {
  if (modifier === 'exact') return text === wanted;
  const haystack = fold(text);
  const needle = fold(wanted);
  if (modifier === 'contains') return haystack.includes(needle);
  return haystack.startsWith(needle) || haystack.split(/\s+/).some((word) => word.startsWith(needle));
}

/** A canonical matches with or without its version; a questionnaire may also be named as Onset resolves it. */
function uriMatches(element: string, wanted: string): boolean {
  const plain = (uri: string): string => uri.split('|')[0] ?? uri;
  if (plain(element) === plain(wanted)) return true;
  const named = instrumentByReference(wanted);
  return named !== undefined && plain(element) === named.questionnaire.url;
}

/** The instant range an element value covers: a date is its whole (UTC) day, a dateTime one millisecond. */
function rangeOf(text: string): [number, number] | null {
  const start = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(start)) return null;
  return [start, start + (text.length === 10 ? DAY_MS : 1)];
}

/** A Period's range: from its start to its end, open where either is missing (FHIR search on Period). */
function periodRangeOf(period: Record<string, unknown>): [number, number] | null {
  const open: [number, number] = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  const start = typeof period.start === 'string' ? rangeOf(period.start) : open;
  const end = typeof period.end === 'string' ? rangeOf(period.end) : open;
  return start === null || end === null ? null : [start[0], end[1]];
}

function dateMatches(element: unknown, value: Extract<SearchValue, { kind: 'date' }>): boolean {
  const range = typeof element === 'string' ? rangeOf(element) : isJson(element) ? periodRangeOf(element) : null;
  if (range === null) return false;
  const [start, end] = range;
  const within = start >= value.start && end <= value.end;
  switch (value.prefix) {
    case 'eq':
      return within;
    case 'ne':
      return !within;
    case 'gt':
      return end > value.end;
    case 'ge':
      return end > value.start;
    case 'lt':
      return start < value.start;
    case 'le':
      return start < value.end;
  }
}
