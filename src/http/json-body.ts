import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalid } from '../shared/errors.js';

/**
 * JSON request bodies. JSON.parse keeps the last of two equal keys, so `{"mg": 10, "mg": 1000}` would
 * be stored as 1000 while a proxy, a log or a reviewer reads 10: a body that names a key twice in one
 * object is refused, naming the key. `__proto__` and `constructor.prototype` keys are refused as
 * Fastify's own parser refuses them.
 */

interface Frame {
  parent: Frame | null;
  array: boolean;
  /** The key or index this container sits under in its parent. */
  at: string | number | null;
  keys: Set<string>;
  expectKey: boolean;
  key: string;
  index: number;
}

function pathOf(frame: Frame, last: string, root: string): string {
  const parts: string[] = [last];
  for (let f: Frame | null = frame; f !== null && f.at !== null; f = f.parent) {
    parts.unshift(typeof f.at === 'number' ? `[${f.at}]` : f.at);
  }
  return parts.reduce(
    (path, part) => (path === '' ? part : part.startsWith('[') ? `${path}${part}` : `${path}.${part}`),
    root,
  );
}

/** The end of the string that opens at `start` (the index of its closing quote). */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes += 1;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

function checkKey(frame: Frame, key: string, root: string): void {
  if (key === '__proto__' || (key === 'prototype' && frame.at === 'constructor'))
    throw invalid(pathOf(frame, key, root), 'is not allowed as a key');
  if (frame.keys.has(key))
    throw invalid(pathOf(frame, key, root), 'appears twice in the same object; send each field once');
  frame.keys.add(key);
}

function open(parent: Frame | null, array: boolean): Frame {
  const at = parent === null ? null : parent.array ? parent.index : parent.key;
  return { parent, array, at, keys: new Set(), expectKey: !array, key: '', index: 0 };
}

/**
 * Scans JSON text that JSON.parse has accepted, object by object, for a key given twice. It reads only
 * the structure (strings are skipped with indexOf), so it costs about as much as the parse itself.
 */
export function checkKeys(text: string, root = ''): void {
  let frame = null as Frame | null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */ || c === 91 /* [ */) frame = open(frame, c === 91);
    else if (c === 125 /* } */ || c === 93 /* ] */) frame = frame?.parent ?? null;
    else if (c === 44 /* , */ && frame !== null) {
      if (frame.array) frame.index += 1;
      else frame.expectKey = true;
    } else if (c === 34 /* " */) {
      const end = stringEnd(text, i);
      if (frame !== null && frame.expectKey) {
        const raw = text.slice(i + 1, end);
        frame.key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        frame.expectKey = false;
        checkKey(frame, frame.key, root);
      }
      i = end;
    }
  }
}

/**
 * Parses a JSON body: 400 naming the problem for empty or malformed JSON and for a key given twice.
 * `rootOf` names where field paths start (on /fhir/R4, the resource type: `Patient.name[0].family`).
 */
export function parseJsonBody(text: string, rootOf: (value: unknown) => string = () => ''): unknown {
  if (text.trim() === '') throw invalid('(body)', 'is empty; send a JSON document');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid('(body)', `is not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`);
  }
  checkKeys(text, rootOf(value));
  return value;
}

/** A Fastify content-type parser of JSON text (see parseJsonBody). */
export function jsonBodyParser(rootOf?: (value: unknown) => string) {
  return (
    _request: FastifyRequest,
    body: string | Buffer,
    done: (error: Error | null, value?: unknown) => void,
  ): void => {
    try {
      done(null, parseJsonBody(typeof body === 'string' ? body : body.toString('utf8'), rootOf));
    } catch (error) {
      done(error as Error);
    }
  };
}

/**
 * Request bodies are JSON, parsed by the parser above. Any other media type, text/plain included
 * (Fastify would hand the route a string), and a body without a Content-Type are refused with 415.
 */
export function registerJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, jsonBodyParser());
}
