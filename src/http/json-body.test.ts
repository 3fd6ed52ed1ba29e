import { describe, expect, it } from 'vitest';
import { OnsetError } from '../shared/errors.js';
import { parseJsonBody } from './json-body.js';

/** The field problem a body is refused with. */
function refusal(text: string, rootOf?: (value: unknown) => string): { field: string; reason: string } | undefined {
  try {
    parseJsonBody(text, rootOf);
  } catch (error) {
    if (error instanceof OnsetError) return error.problems[0];
    throw error;
  }
  return undefined;
}

describe('JSON bodies', () => {
  it('refuses a key given twice, naming it, wherever it is', () => {
    const twice = 'appears twice in the same object; send each field once';
    expect(refusal('{"mg": 10, "mg": 1000}')).toEqual({ field: 'mg', reason: twice });
    expect(refusal('{"a": {"b": 1, "c": {"d": 1}, "b": 2}}')).toEqual({ field: 'a.b', reason: twice });
    expect(refusal('{"answers": [0, {"x": 1}, {"x": 1, "y": 2, "x": 3}]}')).toEqual({
      field: 'answers[2].x',
      reason: twice,
    });
    expect(refusal('[{"a": 1}, [{"b": 1, "b": 1}]]')).toEqual({ field: '[1][0].b', reason: twice });
    // The same key written with an escape is the same key.
    expect(refusal('{"label": "P1", "lab\\u0065l": "P2"}')).toEqual({ field: 'label', reason: twice });
  });

  it('names the field from the resource type when asked (FHIR)', () => {
    const rootOf = (value: unknown): string => (value as { resourceType: string }).resourceType;
    expect(refusal('{"resourceType": "Patient", "birthDate": "1990", "birthDate": "1890"}', rootOf)?.field).toBe(
      'Patient.birthDate',
    );
    expect(refusal('{"resourceType": "Bundle", "entry": [{"resource": {"id": "a", "id": "b"}}]}', rootOf)?.field).toBe(
      'Bundle.entry[0].resource.id',
    );
  });

  it('accepts equal keys in different objects, and quotes, braces and commas inside strings', () => {
    const text = '{"a": {"k": 1}, "b": {"k": "x\\"k\\": {,[\\\\"}, "c": ["\\\\", "}", {"k": null}], "k": "\\"k\\""}';
    expect(parseJsonBody(text)).toEqual(JSON.parse(text));
    expect(parseJsonBody(' [1, "two", true, null, {"a": []}] ')).toEqual([1, 'two', true, null, { a: [] }]);
    expect(parseJsonBody('"just a string"')).toBe('just a string');
  });

  it('refuses prototype keys as the default parser does', () => {
    expect(refusal('{"__proto__": {"admin": true}}')).toEqual({
      field: '__proto__',
      reason: 'is not allowed as a key',
    });
    expect(refusal('{"a": {"\\u005f_proto__": 1}}')?.field).toBe('a.__proto__');
    expect(refusal('{"constructor": {"prototype": {"admin": true}}}')?.field).toBe('constructor.prototype');
    expect(parseJsonBody('{"constructor": "a name", "prototype": 1}')).toEqual({ constructor: 'a name', prototype: 1 });
  });

  it('refuses an empty or malformed body, naming the body', () => {
    expect(refusal('')).toEqual({ field: '(body)', reason: 'is empty; send a JSON document' });
    expect(refusal('{"a": 1,')?.reason).toMatch(/^is not valid JSON \(/);
  });
});
