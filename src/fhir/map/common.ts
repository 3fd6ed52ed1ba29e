/** Small pieces every record mapping shares: meta, notes, quantities, money and code extensions. */
import type { Annotation, Extension, Meta, Money, Quantity } from '@medplum/fhirtypes';
import { ACT_REASON, UCUM } from '../constants.js';
import { child, type FhirReader, type FoundExtension, type Json } from './read.js';

/** Elements every resource may carry that hold no clinical data (ignored on the way in). */
export const RESOURCE_ELEMENTS = ['resourceType', 'id', 'meta', 'text', 'language'] as const;

/** v3 ActReason HTEST: test health data, the tag on synthetic demo patients. */
export const SYNTHETIC_TAG = { system: ACT_REASON, code: 'HTEST', display: 'test health data' } as const;

/** meta.lastUpdated, and the HTEST tag on synthetic demo data. */
export function metaOf(updatedAt: string, synthetic = false): Meta {
  return { lastUpdated: updatedAt, ...(synthetic ? { tag: [{ ...SYNTHETIC_TAG }] } : {}) };
}

/** True when the resource's meta.tag carries HTEST. */
export function hasSyntheticTag(r: FhirReader, resource: Json): boolean {
  const meta = r.obj(resource, 'meta', '');
  if (meta === undefined) return false;
  return r.objects(meta, 'tag', 'meta').some((t) => t.value.system === ACT_REASON && t.value.code === 'HTEST');
}

/** A record's note as the resource's one Annotation. */
export function noteOf(text: string | null): Annotation[] | undefined {
  return text === null ? undefined : [{ text }];
}

/** The text of a single note; more than one is refused (Onset keeps one note per record). */
export function readNote(r: FhirReader, resource: Json): string | undefined {
  const notes = r.objects(resource, 'note', '');
  for (const extra of notes.slice(1)) r.fail(extra.at, 'Onset keeps one note per record; join the notes into one');
  const first = notes[0];
  if (first === undefined) return undefined;
  r.only(first.value, ['text', 'time', 'authorString', 'authorReference'], first.at);
  return r.str(first.value, 'text', first.at, true);
}

/** A UCUM quantity (mg, kg or min). */
export function quantity(value: number, unit: 'mg' | 'kg' | 'min'): Quantity {
  return { value, unit, system: UCUM, code: unit };
}

/** A Quantity's value, refusing any unit other than `unit` (UCUM). */
export function readQuantity(r: FhirReader, q: Json | undefined, at: string, unit: string): number | undefined {
  if (q === undefined) return undefined;
  r.only(q, ['value', 'unit', 'system', 'code'], at);
  const code = typeof q.code === 'string' ? q.code : q.unit;
  if (code !== unit) r.fail(child(at, 'code'), `must be "${unit}" (UCUM); Onset does not convert units`);
  if (q.system !== undefined && q.system !== UCUM) r.fail(child(at, 'system'), `must be ${UCUM}`);
  return r.num(q, 'value', at, true);
}

/** An amount in US dollars, as Onset prices are kept. */
export function usd(value: number): Money {
  return { value, currency: 'USD' };
}

/** A Money amount in US dollars. */
export function readUsd(r: FhirReader, money: Json | undefined, at: string): number | undefined {
  if (money === undefined) return undefined;
  r.only(money, ['value', 'currency'], at);
  if (money.currency !== 'USD') r.fail(child(at, 'currency'), 'must be USD');
  return r.num(money, 'value', at, true);
}

/** An extension carrying one Onset vocabulary code. */
export function codeExtension(url: string, code: string): Extension {
  return { url, valueCode: code };
}

/** The valueCode of an extension, checked against `allowed`. */
export function readCodeExtension<T extends string>(
  r: FhirReader,
  found: FoundExtension | undefined,
  allowed: readonly T[],
): T | undefined {
  if (found === undefined) return undefined;
  return r.code(r.str(found.ext, 'valueCode', found.at, true), allowed, child(found.at, 'valueCode'));
}

/** Drops undefined entries, so a mapping can list optional elements inline. */
export function present<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((item): item is T => item !== undefined);
}

/** An array element only when it has entries (FHIR forbids empty arrays). */
export function nonEmpty<T>(items: readonly T[]): T[] | undefined {
  return items.length === 0 ? undefined : [...items];
}
