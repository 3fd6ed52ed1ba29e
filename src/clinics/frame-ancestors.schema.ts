/**
 * Which pages may embed Onset in a frame (an EHR showing Onset beside its own chart): the clinic's list of
 * https origins, written into the `frame-ancestors` directive of the Content-Security-Policy of the app
 * pages its staff open (src/http/web.ts). An empty list is `'none'`, the default: nothing may frame Onset.
 * Pure: the web form checks each origin with the same words the server refuses it with.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Text } from '../shared/schema.js';

/** At most this many origins: an allow-list for the few EHRs the clinic uses, not a directory. */
export const MAX_FRAME_ANCESTORS = 10;

export const FrameAncestorsInput = Type.Object(
  {
    origins: Type.Array(Text({ minLength: 1, maxLength: 200 }), {
      maxItems: MAX_FRAME_ANCESTORS,
      description: "https origins allowed to embed Onset, e.g. https://ehr.clinic.example; empty: 'none'",
    }),
  },
  { additionalProperties: false },
);
export type FrameAncestorsInput = Static<typeof FrameAncestorsInput>;

export interface FrameAncestors {
  /** The origins as stored (each as `new URL(x).origin` writes it); empty when nothing may frame Onset. */
  origins: string[];
  /** The directive as sent: `frame-ancestors 'none'` or `frame-ancestors https://a https://b`. */
  directive: string;
}

/**
 * Why `text` cannot be a frame ancestor, or null when it can. Only an exact https origin is taken: a
 * scheme, a host and perhaps a port, nothing else, so nothing typed here can widen the policy (no
 * wildcard, no path, no other directive).
 */
export function originProblem(text: string): string | null {
  const value = text.trim();
  if (value === '') return 'is empty: enter an address such as https://ehr.clinic.example';
  if (value.includes('*')) return 'must name one origin exactly; a wildcard (*) is not allowed';
  if (!/^https:\/\//i.test(value)) return 'must start with https:// (an EHR embedding Onset must be served over TLS)';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a web address; write it as https://ehr.clinic.example';
  }
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  if (!/^https:\/\/[^/?#]+\/?$/i.test(value))
    return 'must be an origin only (https://host or https://host:port), without a path, query or fragment';
  if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(url.origin))
    return 'must name its host by letters, digits, dots and hyphens (a domain name or an IPv4 address)';
  return null;
}

/** The origin as stored and sent (lower-case host, default port dropped, no trailing slash). */
export function normalOrigin(text: string): string {
  return new URL(text.trim()).origin;
}

/** The `frame-ancestors` directive for a list of stored origins. */
export function frameAncestorsDirective(origins: readonly string[]): string {
  return `frame-ancestors ${origins.length === 0 ? "'none'" : origins.join(' ')}`;
}
