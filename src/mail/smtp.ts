import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { addressOf, type SmtpConfig } from './smtp-config.js';

/**
 * Hands one message to the clinic's mail server with nodemailer. Mail carries bearer links, so the
 * session must be encrypted: TLS from the first byte (smtps://) or STARTTLS, which is required unless
 * the operator opted out for a local relay (ONSET_SMTP_ALLOW_PLAINTEXT, docs/operations.md). One
 * message per connection: the outbox sends few messages, and a fresh connection recovers from any
 * server state.
 */

/** A refusal or failure; `permanent` (a 5xx reply) means retrying the same message cannot help. */
export class SmtpError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SmtpError';
  }
}

/** nodemailer's options for `config`: requireTLS by default, certificates always verified. */
export function transportOptions(config: SmtpConfig): SMTPTransport.Options {
  return {
    host: config.host,
    port: config.port,
    secure: config.implicitTls,
    requireTLS: !config.implicitTls && !config.allowPlaintext,
    // With the opt-out, STARTTLS is still used whenever the relay offers it.
    ignoreTLS: false,
    name: config.heloName,
    auth: config.user === null ? undefined : { user: config.user, pass: config.password ?? '' },
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
    tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true, ...config.tls },
    logger: false,
    debug: false,
  };
}

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
}

/** Sends `message` (RFC 5322 text) to `envelope.to`; resolves once the server accepted it. */
export async function sendSmtp(config: SmtpConfig, envelope: { to: string }, message: string): Promise<void> {
  const to = addressOf(envelope.to);
  const from = addressOf(config.from);
  if (to === null) throw new SmtpError('the recipient is not an e-mail address', null, true);
  if (from === null) throw new SmtpError('the sender is not an e-mail address', null, true);
  const transport = createTransport(transportOptions(config));
  try {
    await transport.sendMail({ envelope: { from, to: [to] }, raw: message });
  } catch (error) {
    throw smtpError(error as NodemailerError);
  } finally {
    transport.close();
  }
}

// Only the code and the server's reply leave here: nodemailer's message can quote the command sent,
// and the caller logs what it gets, so nothing of the message text or its link may be in it.
function smtpError(error: NodemailerError): SmtpError {
  const code = typeof error.responseCode === 'number' ? error.responseCode : null;
  const permanent = code !== null && code >= 500 && code < 600;
  if (error.code === 'ETLS' || /STARTTLS/i.test(error.message)) {
    return new SmtpError(
      'the server offers no STARTTLS, and mail is only sent encrypted (nothing was sent)',
      code,
      false,
    );
  }
  const reason =
    code === null
      ? `connection failed (${error.code ?? 'error'}): ${error.message}`
      : `the server answered ${firstLine(error.message)}`;
  return new SmtpError(reason, code, permanent);
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}
