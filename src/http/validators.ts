import { Ajv, type AnySchema, type Options, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { FORMATS } from '../shared/schema.js';

// ajv-formats is CommonJS: its plugin is both the module and its `default`.
const addFormats = formats.default;

/**
 * How requests are validated against their route schemas. Path parameters and query strings arrive as
 * text, so their validator coerces types ("10" → 10). A JSON body carries its own types and is
 * validated as sent: coercing it would turn a null — "not recorded" — into 0 or "" (or, tried the
 * other way round, a 0 into null), silently changing a clinical record.
 *
 * allErrors: every bad field is reported at once (bodies are capped at 256 KB and arrays by maxItems).
 */
const OPTIONS: Options = { allErrors: true, useDefaults: true, removeAdditional: false, addUsedSchema: false, strict: false };

export function requestValidatorCompiler(): (route: { schema: AnySchema; httpPart?: string }) => ValidateFunction {
  const asSent = new Ajv({ ...OPTIONS, coerceTypes: false });
  const fromText = new Ajv({ ...OPTIONS, coerceTypes: 'array' });
  for (const ajv of [asSent, fromText]) {
    addFormats(ajv);
    // The services' own definitions replace ajv's, so a route and its service accept the same values.
    for (const [name, check] of Object.entries(FORMATS)) ajv.addFormat(name, check);
  }
  return ({ schema, httpPart }) => (httpPart === 'body' ? asSent : fromText).compile(schema);
}
