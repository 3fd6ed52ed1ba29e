/** Creating one resource (FHIR `create`): read, checked whole, then written through the services. */
import type { Resource } from '@medplum/fhirtypes';
import type { ServiceContext } from '../records/context.js';
import { invalid, invalidMany, type FieldProblem } from '../shared/errors.js';
import { readIncoming, type WritableType } from './map/index.js';
import { FhirReader, isJson } from './map/read.js';
import { literalId } from './map/reference.js';
import { precheck, writeIncoming } from './write.js';

/**
 * Creates a resource of `type` from a request body. A QuestionnaireResponse is scored and stored exactly
 * as a form submission (same validation, safety rules and audit). Every refused element is named.
 */
export async function createResource(ctx: ServiceContext, type: WritableType, body: unknown): Promise<Resource> {
  if (!isJson(body) || body.resourceType !== type) {
    throw invalid(`${type}.resourceType`, `the body must be a ${type} resource (resourceType "${type}")`);
  }
  const reader = new FhirReader(type);
  const incoming = readIncoming(reader, type, body);
  if (reader.problems.length > 0) throw invalidMany(reader.problems);
  const problems: FieldProblem[] = [...precheck(incoming, type).problems];
  const resolved: Record<string, unknown> = { ...incoming.body };
  for (const ref of incoming.references) {
    const id = literalId(ref.reference, ref.target);
    if (id === undefined)
      problems.push({
        field: `${type}.${ref.at}`,
        reason: `"${ref.reference}" must refer to a stored record as ${ref.target}/{id}`,
      });
    else resolved[ref.field] = id;
  }
  if (problems.length > 0) throw invalidMany(problems);
  return (await writeIncoming(ctx, incoming, resolved, type, 'clinician')).resource;
}
