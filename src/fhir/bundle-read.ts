/**
 * Reading a transaction or batch Bundle into a plan, without touching the database: every entry is
 * mapped, checked against its record schema and instrument, and its references are checked to point at
 * an entry of the right type or at a stored record. Every problem is kept, named
 * `Bundle.entry[3].resource.item[0].answer[0]`-style.
 */
import type { ScoreResult } from '../instruments/types.js';
import { invalid, invalidMany, type FieldProblem } from '../shared/errors.js';
import { isWritableType, readIncoming, WRITABLE_TYPES, type WritableType } from './map/index.js';
import type { Incoming } from './map/incoming.js';
import { child, FhirReader, isJson, type Json } from './map/read.js';
import { literalId } from './map/reference.js';
import {
  isVitalSign,
  phaseOf,
  readVitalSign,
  slotOf,
  vitalSignProblems,
  type IncomingVital,
} from './map/vital-signs-read.js';
import { precheck } from './write.js';

export type BundleKind = 'transaction' | 'batch';

/** A score Observation: accepted only as derived from a QuestionnaireResponse of the same Bundle. */
export interface DerivedObservation {
  /** The fullUrl of the QuestionnaireResponse entry it was derived from. */
  source: string;
  /** The total it states, checked against the total Onset computes from the answers. */
  stated: number | undefined;
}

export interface EntryPlan {
  index: number;
  /** `Bundle.entry[i].resource` */
  root: string;
  type: string;
  fullUrl: string | undefined;
  incoming: Incoming | undefined;
  observation: DerivedObservation | undefined;
  /** A vital-sign Observation: accepted only as part of a MedicationAdministration entry it agrees with. */
  vital: IncomingVital | undefined;
  /** The Observation Onset derives for it once stored (`bp-after`: `<dose id>.bp-after`), set when checked. */
  vitalSlot: string | undefined;
  score: ScoreResult | null;
  problems: FieldProblem[];
}

export interface BundlePlan {
  kind: BundleKind;
  entries: EntryPlan[];
}

/**
 * How many entries a Bundle sent over HTTP may have. Every entry is mapped, checked and (in a
 * transaction) written inside one request, so an unbounded Bundle would hold a database transaction
 * and the event loop for as long as its sender likes; a larger import is split, or run with
 * `onset import fhir`, which takes a whole clinic's export.
 */
export const MAX_BUNDLE_ENTRIES = 1000;

/** Entries read between two turns of the event loop, so other requests are answered while a Bundle is checked. */
const ENTRIES_PER_TURN = 100;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads and checks a Bundle; throws only when it is not a transaction or batch Bundle at all, or has
 * more than `maxEntries` entries (checked before any entry is read).
 */
export async function readBundle(body: unknown, maxEntries = Number.POSITIVE_INFINITY): Promise<BundlePlan> {
  if (!isJson(body) || body.resourceType !== 'Bundle')
    throw invalid('Bundle', 'the body must be a FHIR Bundle resource (resourceType "Bundle")');
  if (body.type !== 'transaction' && body.type !== 'batch') {
    throw invalid('Bundle.type', `${JSON.stringify(body.type)}: Onset imports transaction and batch Bundles`);
  }
  const top = new FhirReader('Bundle');
  top.only(body, ['resourceType', 'id', 'meta', 'type', 'timestamp', 'identifier', 'entry'], '');
  if (top.problems.length > 0) throw invalidMany(top.problems);
  const raw = body.entry === undefined ? [] : body.entry;
  if (!Array.isArray(raw)) throw invalid('Bundle.entry', 'must be an array');
  if (raw.length > maxEntries) {
    throw invalid(
      'Bundle.entry',
      `has ${raw.length} entries; a Bundle may have at most ${maxEntries}: split it into smaller Bundles`,
    );
  }
  const kind = body.type;
  const entries: EntryPlan[] = [];
  for (const [index, entry] of raw.entries()) {
    if (index > 0 && index % ENTRIES_PER_TURN === 0) await nextTurn();
    entries.push(readEntry(entry, index));
  }
  checkFullUrls(entries);
  const byUrl = new Map(entries.filter((e) => e.fullUrl !== undefined).map((e) => [e.fullUrl ?? '', e]));
  for (const entry of entries) {
    checkReferences(entry, byUrl, kind);
    checkObservation(entry, byUrl, kind);
  }
  checkVitalSigns(entries, byUrl, kind);
  return { kind, entries };
}

function readEntry(entry: unknown, index: number): EntryPlan {
  const at = `Bundle.entry[${index}]`;
  const r = new FhirReader(at);
  const plan: EntryPlan = {
    index,
    root: `${at}.resource`,
    type: '',
    fullUrl: undefined,
    incoming: undefined,
    observation: undefined,
    vital: undefined,
    vitalSlot: undefined,
    score: null,
    problems: r.problems,
  };
  if (!isJson(entry)) {
    r.fail('', 'must be an object with resource and request');
    return plan;
  }
  r.only(entry, ['fullUrl', 'resource', 'request'], '');
  plan.fullUrl = r.str(entry, 'fullUrl', '');
  const resource = r.obj(entry, 'resource', '', true);
  if (resource === undefined) return plan;
  plan.type = typeof resource.resourceType === 'string' ? resource.resourceType : '';
  readRequest(r, entry, plan.type);
  const reader = new FhirReader(plan.root);
  if (isWritableType(plan.type)) {
    plan.incoming = readIncoming(reader, plan.type, resource);
    if (reader.problems.length === 0) {
      const checked = precheck(plan.incoming, plan.root);
      reader.problems.push(...checked.problems);
      plan.score = checked.score;
    }
  } else if (plan.type === 'Observation') {
    if (isVitalSign(resource)) plan.vital = readVitalSign(reader, resource);
    else plan.observation = readObservation(reader, resource);
  } else {
    reader.fail(
      'resourceType',
      `${JSON.stringify(resource.resourceType)}: Onset stores ${WRITABLE_TYPES.join(', ')} (and score Observations derived from a QuestionnaireResponse, vital-sign Observations part of a MedicationAdministration)`,
    );
  }
  r.problems.push(...reader.problems);
  return plan;
}

function readRequest(r: FhirReader, entry: Json, type: string): void {
  const request = r.obj(entry, 'request', '', true);
  if (request === undefined) return;
  r.only(request, ['method', 'url'], 'request');
  const method = r.str(request, 'method', 'request', true);
  if (method !== undefined && method !== 'POST')
    r.fail('request.method', `${method}: Onset imports by create (POST) only`);
  const url = r.str(request, 'url', 'request', true);
  if (url !== undefined && url.replace(/^\/+|\/+$/g, '') !== type)
    r.fail('request.url', `"${url}" must be the resource type, "${type}"`);
}

/** A score Observation: its derivedFrom QuestionnaireResponse and the total it states. */
function readObservation(r: FhirReader, resource: Json): DerivedObservation | undefined {
  const derived = r.objects(resource, 'derivedFrom', '');
  const source = derived.map((d) => d.value.reference).find((ref): ref is string => typeof ref === 'string');
  if (source === undefined) {
    r.fail(
      'derivedFrom',
      'Onset computes scores from the answers: send the QuestionnaireResponse; a score Observation is accepted only with derivedFrom naming that QuestionnaireResponse entry',
    );
    return undefined;
  }
  const stated = typeof resource.valueInteger === 'number' ? resource.valueInteger : undefined;
  return { source, stated };
}

function checkFullUrls(entries: readonly EntryPlan[]): void {
  const seen = new Map<string, number>();
  for (const entry of entries) {
    if (entry.fullUrl === undefined) continue;
    const first = seen.get(entry.fullUrl);
    if (first === undefined) seen.set(entry.fullUrl, entry.index);
    else
      entry.problems.push({
        field: `Bundle.entry[${entry.index}].fullUrl`,
        reason: `repeats the fullUrl of Bundle.entry[${first}]`,
      });
  }
}

function checkReferences(entry: EntryPlan, byUrl: ReadonlyMap<string, EntryPlan>, kind: BundleKind): void {
  for (const ref of entry.incoming?.references ?? []) {
    const field = `${entry.root}.${ref.at}`;
    const target = byUrl.get(ref.reference);
    if (target !== undefined) {
      if (kind === 'batch')
        entry.problems.push({
          field,
          reason:
            'batch entries are processed one by one and cannot refer to each other; send a transaction, or refer to a stored record',
        });
      else if (target.type !== ref.target)
        entry.problems.push({
          field,
          reason: `refers to Bundle.entry[${target.index}], a ${target.type || 'resource'}, but must refer to a ${ref.target}`,
        });
    } else if (literalId(ref.reference, ref.target) === undefined) {
      entry.problems.push({
        field,
        reason: `"${ref.reference}" does not resolve: refer to an entry of this Bundle by its fullUrl, or to a stored record as ${ref.target}/{id}`,
      });
    }
  }
}

function checkObservation(entry: EntryPlan, byUrl: ReadonlyMap<string, EntryPlan>, kind: BundleKind): void {
  const observation = entry.observation;
  if (observation === undefined) return;
  const field = `${entry.root}.derivedFrom`;
  const source = byUrl.get(observation.source);
  if (kind === 'batch' || source?.type !== 'QuestionnaireResponse') {
    entry.problems.push({
      field,
      reason:
        'must name a QuestionnaireResponse entry of this transaction Bundle by its fullUrl: Onset computes scores from the answers',
    });
    return;
  }
  const computed = source.score?.total;
  if (observation.stated !== undefined && computed != null && computed !== observation.stated) {
    entry.problems.push({
      field: child(entry.root, 'valueInteger'),
      reason: `states a total of ${observation.stated}, but the answers in Bundle.entry[${source.index}] score ${computed}`,
    });
  }
}

/**
 * Each vital-sign Observation is part of a MedicationAdministration entry of the transaction and agrees
 * with what that dose records (vital-signs-read.ts); the dose's monitoring extension is what is stored.
 */
function checkVitalSigns(entries: readonly EntryPlan[], byUrl: ReadonlyMap<string, EntryPlan>, kind: BundleKind): void {
  const ofDose = new Map<EntryPlan, EntryPlan[]>();
  for (const entry of entries) {
    if (entry.vital === undefined) continue;
    const dose = byUrl.get(entry.vital.dose);
    if (kind === 'batch' || dose?.type !== 'MedicationAdministration' || dose.incoming === undefined) {
      entry.problems.push({
        field: `${entry.root}.partOf[0]`,
        reason:
          'must name a MedicationAdministration entry of this transaction Bundle by its fullUrl: Onset keeps the vital signs on the dose (its dose-monitoring extension)',
      });
      continue;
    }
    ofDose.set(dose, [...(ofDose.get(dose) ?? []), entry]);
  }
  for (const [dose, vitals] of ofDose) {
    // A dose refused on its own is reported there; its vital signs are checked against a dose that stands.
    if (dose.problems.length > 0 || dose.incoming === undefined) continue;
    const problems = vitalSignProblems(
      vitals.flatMap((v) => (v.vital === undefined ? [] : [{ root: v.root, vital: v.vital }])),
      {
        index: dose.index,
        body: dose.incoming.body,
        subject: dose.incoming.references.find((ref) => ref.field === 'patientId')?.reference,
      },
    );
    for (const problem of problems) vitals.find((v) => problem.field.startsWith(`${v.root}.`))?.problems.push(problem);
    const givenAt = dose.incoming.body.givenAt;
    for (const v of vitals) {
      const phase = v.vital === undefined || typeof givenAt !== 'string' ? undefined : phaseOf(v.vital, givenAt);
      if (typeof phase === 'string' && v.vital !== undefined) v.vitalSlot = slotOf(v.vital.kind, phase);
    }
  }
}

/** The types a transaction applies, in dependency order (a record's patient, course and dose come first). */
export function applyOrder(entries: readonly EntryPlan[]): EntryPlan[] {
  const rank = (e: EntryPlan): number => {
    const at = (WRITABLE_TYPES as readonly string[]).indexOf(e.type);
    return at === -1 ? WRITABLE_TYPES.length : at;
  };
  return [...entries].sort((a, b) => rank(a) - rank(b) || a.index - b.index);
}

export type { WritableType };
