import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer secrets (sessions, API tokens, patient links): 256 random bits, prefixed with the clinic id so
 * that the lookup is keyed by clinic first (the schema's sharding rule). Only the SHA-256 hash is stored.
 * Format: `<kind>_<clinic uuid as 32 hex>_<43 base64url characters>`.
 */
export type TokenKind = 'ses' | 'api' | 'lnk';

const TOKEN = /^(ses|api|lnk)_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  token: string;
  hash: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function issueToken(kind: TokenKind, clinicId: string): IssuedToken {
  const token = `${kind}_${clinicId.replace(/-/g, '')}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

/** The clinic and hash a presented token names, or null when it is not a token of that kind. */
export function readToken(kind: TokenKind, token: string): { clinicId: string; hash: string } | null {
  const match = TOKEN.exec(token);
  if (match?.[1] !== kind || match[2] === undefined) return null;
  const hex = match[2];
  const clinicId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { clinicId, hash: hashToken(token) };
}

/** Constant-time comparison of two strings (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
