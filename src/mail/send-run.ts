/**
 * What both mail senders (questionnaire invitations, urgent alert notices) share: the transport, the options, retry
 * backoff.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SendRun } from './leased-outbox.repository.js';
import type { OutgoingMail } from './message.js';
import { MINUTE_MS } from '../shared/time.js';

export interface MailTransport {
  /** Resolves once the mail server has accepted the message; throws SmtpError otherwise. */
  send(mail: OutgoingMail): Promise<void>;
}

export interface MailWorkerOptions {
  transport: MailTransport;
  /** The header sender, e.g. `Care team <no-reply@clinic.example>`. */
  from: string;
  /** Where patients open links, e.g. https://onset.clinic.example (ONSET_PUBLIC_URL). */
  publicUrl: string;
  /** Names this worker in claimed_by (default host:pid:random). */
  workerId?: string;
  /** How long a claim holds (default 5 minutes: far longer than one SMTP exchange). */
  leaseMs?: number;
  /** Attempts before a message is given up as failed (default 8, about 4 hours of backoff). */
  maxAttempts?: number;
  /** Messages sent per run at most (default 100). */
  batch?: number;
}

/** Minutes before retry k (1, 2, 4, … at most 60): a server that is down for a while is not hammered. */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * MINUTE_MS;
}

/**
 * One send run's settings from the worker options (this process's worker id, lease 5 minutes and 100 messages unless
 * set).
 */
export function sendRun(options: MailWorkerOptions, now: Date, label: string): SendRun {
  return {
    workerId: options.workerId ?? defaultWorkerId(),
    now,
    leaseMs: options.leaseMs ?? 5 * MINUTE_MS,
    batch: options.batch ?? 100,
    label,
  };
}

/** This process's name in claimed_by: host, pid and a random part. */
export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
