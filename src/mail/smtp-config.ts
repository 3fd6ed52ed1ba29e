import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { invalid } from '../shared/errors.js';

/** Where and how to hand e-mail to the clinic's mail server. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** smtps:// — TLS from the first byte (port 465); otherwise STARTTLS, required unless allowPlaintext. */
  implicitTls: boolean;
  /**
   * Send without STARTTLS when the server offers none: only for a relay on this machine (ONSET_SMTP_ALLOW_PLAINTEXT=1).
   */
  allowPlaintext: boolean;
  user: string | null;
  password: string | null;
  /** The envelope and header sender, e.g. `Care team <no-reply@clinic.example>`. */
  from: string;
  /** The name this client gives in EHLO. */
  heloName: string;
  /** Each step (connect, every reply) must come within this many milliseconds. */
  timeoutMs: number;
  /** Extra TLS options: a private CA (ONSET_SMTP_CA, a PEM file) for example. Certificates are always verified. */
  tls?: ConnectionOptions;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** True for this machine's own addresses: the only place a password may travel unencrypted. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/**
 * Reads `ONSET_SMTP_URL=smtp://user:pass@host:port` (or smtps://) and `ONSET_MAIL_FROM`. Returns null when
 * no SMTP URL is set (e-mail delivery is off); a bad value is a field error naming the variable.
 */
export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig | null {
  const raw = env.ONSET_SMTP_URL;
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(
      'ONSET_SMTP_URL',
      'is not a URL; use smtp://user:password@host:587 or smtps://user:password@host:465',
    );
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw invalid('ONSET_SMTP_URL', `scheme ${url.protocol} is not allowed; use smtp:// or smtps://`);
  if (url.hostname === '') throw invalid('ONSET_SMTP_URL', 'names no host');
  const from = env.ONSET_MAIL_FROM ?? '';
  if (addressOf(from) === null)
    throw invalid('ONSET_MAIL_FROM', 'must be an e-mail address, e.g. "Care team <no-reply@clinic.example>"');
  const implicitTls = url.protocol === 'smtps:';
  const allowPlaintext = plaintextAllowed(env, url.hostname);
  const ca = env.ONSET_SMTP_CA ?? '';
  return {
    host: url.hostname,
    port: url.port === '' ? (implicitTls ? 465 : 587) : Number(url.port),
    implicitTls,
    allowPlaintext,
    user: url.username === '' ? null : decodeURIComponent(url.username),
    password: url.password === '' ? null : decodeURIComponent(url.password),
    from,
    heloName: env.ONSET_SMTP_HELO ?? 'onset.localhost',
    timeoutMs: 30_000,
    ...(ca === '' ? {} : { tls: { ca: readCa(ca) } }),
  };
}

// Mail carries bearer links: plaintext is an explicit opt-out, and only towards this machine's own
// relay, which then carries the mail on by its own rules.
function plaintextAllowed(env: NodeJS.ProcessEnv, host: string): boolean {
  const value = env.ONSET_SMTP_ALLOW_PLAINTEXT ?? '';
  if (value === '' || value === '0') return false;
  if (value !== '1') throw invalid('ONSET_SMTP_ALLOW_PLAINTEXT', 'must be 1 (allow) or 0 (require TLS, the default)');
  if (!isLoopback(host))
    throw invalid('ONSET_SMTP_ALLOW_PLAINTEXT', `is only allowed for a relay on this machine (localhost), not ${host}`);
  return true;
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw invalid('ONSET_SMTP_CA', `cannot read ${path}: give the path of a PEM file of the CA certificates to trust`);
  }
}

/** The bare address of `Name <a@b>` or `a@b`; null when there is none or it holds characters SMTP forbids. */
export function addressOf(mailbox: string): string | null {
  const angle = /<([^<>]+)>\s*$/.exec(mailbox);
  const address = (angle?.[1] ?? mailbox).trim();
  return /^[^\s<>@",;]+@[^\s<>@",;]+$/.test(address) ? address : null;
}
