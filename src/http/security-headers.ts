import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy with a given `frame-ancestors` directive: scripts, styles and connections only
 * from Onset itself (no inline script), images also as data: URLs (QR codes).
 */
export function contentSecurityPolicy(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' https: data:",
    "form-action 'self'",
    frameAncestors,
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self'",
    'upgrade-insecure-requests',
    "connect-src 'self'",
  ].join(';');
}

/** Never framed: every response's policy, unless an app page is opened by staff of a clinic that allows its EHR. */
export const NOT_FRAMED = "frame-ancestors 'none'";

/**
 * The Content-Security-Policy of every page and response but one: the app pages a clinic's staff open, when
 * the clinic names the EHR origins that may embed them (http/web.ts, clinics/frame-ancestors.service.ts).
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy(NOT_FRAMED);

/** Sent with every response. The set is fixed, so it is built once rather than per request. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

/** Sent only over TLS (behind a reverse proxy, with trustProxy, when it forwarded an https request). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * API and FHIR answers carry patient data, so no browser or proxy may keep a copy. Every response gets
 * this unless its route sets its own caching: the static pages and hashed assets of the front end do.
 */
export const NO_STORE = 'no-store';

/**
 * Security headers on every response. A route may set its own Content-Security-Policy (the OpenAPI
 * browser does) or Cache-Control (the static files do); the ones here are set first and are overridden by it.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    reply.header('cache-control', NO_STORE);
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
