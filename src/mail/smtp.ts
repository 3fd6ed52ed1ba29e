import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { addressOf, isLoopback, type SmtpConfig } from './smtp-config.js';

/**
 * A minimal SMTP client (RFC 5321) over node:net and node:tls: EHLO, STARTTLS when offered, AUTH PLAIN
 * when a user is configured, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. One message per
 * connection: the outbox sends few messages, and a fresh connection recovers from any server state.
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

interface Reply {
  code: number;
  lines: string[];
}

/** Reads CRLF lines from whichever socket is current and assembles multi-line replies ("250-…", "250 …"). */
class ReplyReader {
  private buffered = '';
  private lines: string[] = [];
  private readonly replies: Reply[] = [];
  private waiter: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;
  private socket: Socket | null = null;

  private readonly onData = (chunk: Buffer): void => {
    this.buffered += chunk.toString('utf8');
    let end: number;
    while ((end = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, end).replace(/\r$/, '');
      this.buffered = this.buffered.slice(end + 1);
      this.take(line);
    }
  };

  private readonly onError = (error: Error): void => {
    this.fail(new SmtpError(`connection failed: ${error.message}`, null, false));
  };

  private readonly onClose = (): void => {
    this.fail(new SmtpError('the server closed the connection', null, false));
  };

  attach(socket: Socket, timeoutMs: number): void {
    this.socket = socket;
    socket.on('data', this.onData).on('error', this.onError).on('close', this.onClose);
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
  }

  detach(): void {
    this.socket?.off('data', this.onData).off('error', this.onError).off('close', this.onClose);
    this.socket?.setTimeout(0);
    this.socket = null;
  }

  read(): Promise<Reply> {
    const reply = this.replies.shift();
    if (reply !== undefined) return Promise.resolve(reply);
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  private take(line: string): void {
    const match = /^(\d{3})([ -]?)(.*)$/.exec(line);
    if (match === null) {
      this.fail(new SmtpError(`the server sent a line that is not an SMTP reply: ${line.slice(0, 80)}`, null, false));
      return;
    }
    this.lines.push(match[3] ?? '');
    if (match[2] === '-') return;
    const reply = { code: Number(match[1]), lines: this.lines };
    this.lines = [];
    if (this.waiter === null) this.replies.push(reply);
    else {
      this.waiter.resolve(reply);
      this.waiter = null;
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiter?.reject(this.failure);
    this.waiter = null;
  }
}

/** Lines starting with "." get another "." (RFC 5321 §4.5.2); every line ends in CRLF; then the closing ".". */
export function dotStuff(message: string): string {
  const body = message.replace(/\r?\n/g, '\r\n').replace(/(^|\r\n)\./g, '$1..');
  return `${body.endsWith('\r\n') ? body : `${body}\r\n`}.\r\n`;
}

/** SNI names a host, never an IP address (RFC 6066). */
function serverName(host: string): { servername?: string } {
  return isIP(host) === 0 ? { servername: host } : {};
}

function opened(socket: Socket, event: 'connect' | 'secureConnect', timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SmtpError(`could not connect within ${timeoutMs} ms`, null, false));
    }, timeoutMs);
    socket.once(event, () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new SmtpError(`connection failed: ${error.message}`, null, false));
    });
  });
}

class Session {
  private readonly reader = new ReplyReader();
  private secure: boolean;

  constructor(
    private socket: Socket,
    private readonly config: SmtpConfig,
  ) {
    this.secure = config.implicitTls;
    this.reader.attach(socket, config.timeoutMs);
  }

  async expect(codes: readonly number[], what: string): Promise<Reply> {
    const reply = await this.reader.read();
    if (!codes.includes(reply.code)) {
      const text = reply.lines.join(' ').slice(0, 200);
      throw new SmtpError(`${what}: the server answered ${reply.code} ${text}`, reply.code, reply.code >= 500);
    }
    return reply;
  }

  async command(line: string, codes: readonly number[], what = line.split(' ')[0] ?? line): Promise<Reply> {
    this.socket.write(`${line}\r\n`);
    return this.expect(codes, what);
  }

  /** Sends the message text, dot-stuffed and closed with "." on a line of its own. */
  async data(message: string): Promise<void> {
    this.socket.write(dotStuff(message));
    await this.expect([250], 'message');
  }

  async hello(): Promise<Set<string>> {
    const reply = await this.command(`EHLO ${this.config.heloName}`, [250], 'EHLO');
    return new Set(reply.lines.slice(1).map((l) => l.toUpperCase()));
  }

  async startTls(): Promise<void> {
    await this.command('STARTTLS', [220]);
    this.reader.detach();
    // The TLS socket reports failures from here on; the plain one underneath must not throw them again.
    this.socket.on('error', () => undefined);
    const tls: TLSSocket = connectTls({ socket: this.socket, ...serverName(this.config.host), ...this.config.tls });
    await opened(tls, 'secureConnect', this.config.timeoutMs);
    this.socket = tls;
    this.secure = true;
    this.reader.attach(tls, this.config.timeoutMs);
  }

  async authenticate(extensions: ReadonlySet<string>): Promise<void> {
    if (this.config.user === null) return;
    if (!this.secure && !isLoopback(this.config.host)) {
      throw new SmtpError(`refusing to send the SMTP password to ${this.config.host} unencrypted: the server offers no STARTTLS (use smtps://)`, null, true);
    }
    const auth = [...extensions].find((e) => e.startsWith('AUTH'));
    if (auth === undefined || !auth.split(/[ =]/).includes('PLAIN')) throw new SmtpError('the server does not offer AUTH PLAIN', null, true);
    const token = Buffer.from(`\0${this.config.user}\0${this.config.password ?? ''}`).toString('base64');
    await this.command(`AUTH PLAIN ${token}`, [235], 'AUTH');
  }

  close(): void {
    this.reader.detach();
    this.socket.on('error', () => undefined);
    this.socket.destroy();
  }

  async quit(): Promise<void> {
    // The message is already accepted; a server that hangs up without answering QUIT changes nothing.
    try {
      await this.command('QUIT', [221]);
    } catch {
      /* already delivered */
    }
  }
}

async function openSession(config: SmtpConfig): Promise<Session> {
  const socket = config.implicitTls
    ? connectTls({ host: config.host, port: config.port, ...serverName(config.host), ...config.tls })
    : connectTcp({ host: config.host, port: config.port });
  await opened(socket, config.implicitTls ? 'secureConnect' : 'connect', config.timeoutMs);
  const session = new Session(socket, config);
  await session.expect([220], 'greeting');
  return session;
}

/**
 * Hands one message to the server; resolves once the server has accepted it (250 after DATA). `message`
 * is the full RFC 5322 text (headers, blank line, body). Throws SmtpError.
 */
export async function sendSmtp(config: SmtpConfig, envelope: { to: string }, message: string): Promise<void> {
  const from = addressOf(config.from);
  const to = addressOf(envelope.to);
  if (from === null) throw new SmtpError(`the sender "${config.from}" is not an e-mail address`, null, true);
  if (to === null) throw new SmtpError('the recipient is not an e-mail address', null, true);
  const session = await openSession(config);
  try {
    let extensions = await session.hello();
    if (!config.implicitTls && extensions.has('STARTTLS')) {
      await session.startTls();
      extensions = await session.hello();
    }
    await session.authenticate(extensions);
    await session.command(`MAIL FROM:<${from}>`, [250], 'MAIL FROM');
    await session.command(`RCPT TO:<${to}>`, [250, 251], 'RCPT TO');
    await session.command('DATA', [354]);
    await session.data(message);
    await session.quit();
  } finally {
    session.close();
  }
}
