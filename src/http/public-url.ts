import type { FastifyInstance } from 'fastify';
import { invalid } from '../shared/errors.js';

/**
 * Absolute links Onset hands out (FHIR fullUrl, Location, the CapabilityStatement) are built on the
 * address the operator configured, never on the request's Host or X-Forwarded-Host: those are the
 * client's word, and reflecting them would let anyone point a clinic's links at another server.
 */

/** The configured public URL (ONSET_PUBLIC_URL), checked: http or https, no query or fragment, no trailing slash. */
export function checkedPublicUrl(value: string, field = 'ONSET_PUBLIC_URL'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(
      field,
      `"${value}" is not a URL; give the address clients reach Onset at, e.g. https://onset.clinic.example`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(field, `must start with https:// or http://, not ${url.protocol}`);
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw invalid(field, 'must be a plain address, without credentials, query or fragment');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const LOCAL = new Set(['127.0.0.1', '::1', '0.0.0.0', '::']);

/** Without a configured URL: the address the server listens on (http://localhost:PORT on this machine). */
export function listenUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (address === null || typeof address === 'string') return 'http://localhost';
  const host = LOCAL.has(address.address)
    ? 'localhost'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address;
  return `http://${host}:${address.port}`;
}
