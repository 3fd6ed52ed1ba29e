/**
 * Processing an import Bundle. A transaction is all or nothing: every entry is checked first (bundle-read),
 * then all are written in one database transaction; any refusal rolls everything back and the one
 * OperationOutcome names every entry and element at fault. A batch writes each entry on its own and
 * answers per entry.
 */
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
import { invalidMany, isOnsetError, type FieldProblem } from '../shared/errors.js';
import { applyOrder, readBundle, type EntryPlan } from './bundle-read.js';
import type { Incoming } from './map/incoming.js';
import { literalId } from './map/reference.js';
import { outcomeOfError, problemsOutcome } from './outcome.js';
import { writeIncoming, type DefaultSource } from './write.js';

export interface BundleOptions {
  /** The source of a questionnaire that states none ('import' for file imports). */
  defaultSource: DefaultSource;
  /** Called after each entry is written. */
  onProgress?: (done: number, total: number) => void;
  /** The most entries accepted (MAX_BUNDLE_ENTRIES over HTTP); a file import takes any number. */
  maxEntries?: number;
}

export interface BundleResult {
  response: Bundle;
  /** Records written, by resource type. */
  created: Record<string, number>;
  /** Entries refused (batch only: a refused transaction throws). */
  refused: number;
}

interface Stored {
  type: string;
  id: string;
}

/** Processes a transaction or batch Bundle for the context's clinic. */
export async function processBundle(ctx: ServiceContext, body: unknown, options: BundleOptions): Promise<BundleResult> {
  const plan = await readBundle(body, options.maxEntries);
  if (plan.kind === 'batch') return applyBatch(ctx, plan.entries, options);
  const problems = plan.entries.flatMap((e) => e.problems);
  if (problems.length > 0) throw invalidMany(problems);
  return inTransaction(ctx, (tx) => applyTransaction(tx, plan.entries, options));
}

async function applyTransaction(
  tx: ServiceContext,
  entries: readonly EntryPlan[],
  options: BundleOptions,
): Promise<BundleResult> {
  const byUrl = new Map(entries.filter((e) => e.fullUrl !== undefined).map((e) => [e.fullUrl ?? '', e.index]));
  const stored = new Map<number, Stored>();
  const refused = new Map<number, FieldProblem[]>();
  const writable = applyOrder(entries).filter((entry) => entry.incoming !== undefined);
  for (const [done, entry] of writable.entries()) {
    const incoming = entry.incoming;
    if (incoming === undefined) continue;
    const resolved = resolveBody(entry.root, incoming, (reference) => {
      const index = byUrl.get(reference);
      return index === undefined ? { kind: 'stored' } : { kind: 'entry', index, stored: stored.get(index) };
    });
    if (resolved.problems.length > 0) refused.set(entry.index, resolved.problems);
    else {
      try {
        const written = await writeIncoming(tx, incoming, resolved.body, entry.root, options.defaultSource);
        stored.set(entry.index, { type: entry.type, id: written.id });
      } catch (error) {
        refused.set(entry.index, problemsOf(error, entry.root));
      }
    }
    options.onProgress?.(done + 1, writable.length);
  }
  // Every refusal is collected before rolling back, so one answer names them all, in entry order.
  if (refused.size > 0) throw invalidMany([...refused].sort(([a], [b]) => a - b).flatMap(([, problems]) => problems));
  const response = entries.map((entry): BundleEntry => {
    if (entry.observation !== undefined) {
      const source = stored.get(byUrl.get(entry.observation.source) ?? -1);
      return { response: { status: '200 OK', location: `Observation/${source?.id ?? ''}` } };
    }
    if (entry.vital !== undefined) {
      // Checked against its dose when the Bundle was read: the location is the Observation Onset derives for it.
      const dose = stored.get(byUrl.get(entry.vital.dose) ?? -1);
      return { response: { status: '200 OK', location: `Observation/${dose?.id ?? ''}.${entry.vitalSlot ?? ''}` } };
    }
    const record = stored.get(entry.index);
    return { response: { status: '201 Created', location: `${entry.type}/${record?.id ?? ''}` } };
  });
  return {
    response: { resourceType: 'Bundle', type: 'transaction-response', entry: response },
    created: count(stored),
    refused: 0,
  };
}

async function applyBatch(
  ctx: ServiceContext,
  entries: readonly EntryPlan[],
  options: BundleOptions,
): Promise<BundleResult> {
  const stored = new Map<number, Stored>();
  const response: BundleEntry[] = [];
  for (const entry of entries) {
    const resolved =
      entry.incoming === undefined ? null : resolveBody(entry.root, entry.incoming, () => ({ kind: 'stored' }));
    const problems = [...entry.problems, ...(resolved?.problems ?? [])];
    if (problems.length > 0 || entry.incoming === undefined || resolved === null) {
      response.push({ response: { status: '400 Bad Request', outcome: problemsOutcome(problems) } });
      continue;
    }
    try {
      const written = await writeIncoming(ctx, entry.incoming, resolved.body, entry.root, options.defaultSource);
      stored.set(entry.index, { type: entry.type, id: written.id });
      response.push({ response: { status: '201 Created', location: `${entry.type}/${written.id}` } });
    } catch (error) {
      const { status, outcome } = outcomeOfError(error);
      if (status >= 500) throw error;
      response.push({ response: { status: `${status} ${STATUS_TEXT[status] ?? 'Bad Request'}`, outcome } });
    }
    options.onProgress?.(response.length, entries.length);
  }
  const refused = response.filter((e) => !(e.response?.status.startsWith('201') ?? false)).length;
  return {
    response: { resourceType: 'Bundle', type: 'batch-response', entry: response },
    created: count(stored),
    refused,
  };
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
};

type Target = { kind: 'stored' } | { kind: 'entry'; index: number; stored: Stored | undefined };

/** The body with each reference replaced by the id it resolves to (an entry written earlier, or a stored record). */
function resolveBody(
  root: string,
  incoming: Incoming,
  targetOf: (reference: string) => Target,
): { body: Record<string, unknown>; problems: FieldProblem[] } {
  const body = { ...incoming.body };
  const problems: FieldProblem[] = [];
  for (const ref of incoming.references) {
    const target = targetOf(ref.reference);
    if (target.kind === 'entry') {
      if (target.stored === undefined)
        problems.push({
          field: `${root}.${ref.at}`,
          reason: `refers to Bundle.entry[${target.index}], which was refused`,
        });
      else body[ref.field] = target.stored.id;
    } else {
      // Checked when the Bundle was read: a stored reference is always Type/{id}.
      body[ref.field] = literalId(ref.reference, ref.target);
    }
  }
  return { body, problems };
}

function problemsOf(error: unknown, root: string): FieldProblem[] {
  if (!isOnsetError(error)) throw error;
  return error.problems.length > 0 ? [...error.problems] : [{ field: root, reason: error.message }];
}

function count(stored: ReadonlyMap<number, Stored>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type } of stored.values()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}
