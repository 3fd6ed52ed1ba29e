/** `onset import fhir FILE`: a transaction (all or nothing) or batch Bundle into one clinic. */
import { processBundle, type BundleResult } from '../fhir/bundle.js';
import type { ServiceContext } from '../records/context.js';
import { invalid } from '../shared/errors.js';

/** Imports Bundle JSON text; questionnaires that state no source are recorded as imported. */
export async function importFhir(
  ctx: ServiceContext,
  text: string,
  onProgress?: (done: number, total: number) => void,
): Promise<BundleResult> {
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalid('file', `is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return processBundle(ctx, body, { defaultSource: 'import', ...(onProgress === undefined ? {} : { onProgress }) });
}
