import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { invalidMany } from '../shared/errors.js';
import { fromText, schemaProblems } from '../shared/validate.js';

/** How a validator names a refused field of a path or query string. */
export interface RequestValidatorOptions {
  /**
   * Whether the field names the part it came from (`params.id`, `querystring.limit`), as the API's
   * problems do; the FHIR facade names the search parameter alone (`_count`), as FHIR does.
   */
  namePart: boolean;
}

type RequestPart = 'body' | 'params' | 'querystring' | 'headers';

/**
 * How requests are validated against their route schemas: with the services' own validator and words
 * (src/shared/validate.ts), so a value refused by a route reads as it would from the service, the CLI or
 * the FHIR facade. Path parameters, query strings and headers arrive as text and are read as the
 * schema's types first ("10" → 10). A JSON body carries its own types and is validated as sent: reading
 * it as text would turn a null — "not recorded" — into 0 or "" (or, tried the other way round, a 0 into
 * null), silently changing a clinical record. Missing values take their schema's default. Every bad field
 * is reported at once (bodies are capped at 256 KB and arrays by maxItems), as one VALIDATION_FAILED error.
 */
export function requestValidatorCompiler(
  options: RequestValidatorOptions = { namePart: true },
): (route: { schema: TSchema; httpPart?: string }) => (data: unknown) => { value: unknown } | { error: Error } {
  return ({ schema, httpPart }) => {
    const part = (httpPart ?? 'body') as RequestPart;
    const root = part === 'body' || !options.namePart ? '' : part;
    return (data) => {
      const value: unknown = Value.Default(schema, part === 'body' ? data : fromText(schema, data));
      const problems = schemaProblems(schema, value, root);
      return problems.length > 0 ? { error: invalidMany(problems) } : { value };
    };
  };
}
