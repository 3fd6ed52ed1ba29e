/**
 * A local SMTP sink for tests: a node:net server on 127.0.0.1 that speaks enough SMTP (EHLO, STARTTLS,
 * AUTH PLAIN, MAIL, RCPT, DATA with dot-unstuffing, RSET, QUIT) and keeps every accepted message.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

export interface SinkMessage {
  from: string;
  to: string[];
  /** The message as received, dot-unstuffed, lines joined with CRLF. */
  data: string;
  /** The AUTH PLAIN credentials as "user:password", or null. */
  auth: string | null;
  tls: boolean;
}

export interface SinkOptions {
  /** Offer STARTTLS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** The reply to RCPT TO for this address (default "250 OK"). */
  rcptReply?: (address: string) => string;
  /** The reply after the message text (default "250 queued"); called once per message. */
  dataReply?: () => string;
}

export interface SmtpSink {
  port: number;
  messages: SinkMessage[];
  /** Every command line received, for protocol assertions. */
  commands: string[];
  close(): Promise<void>;
}

function serve(raw: Socket, sink: SmtpSink, options: SinkOptions): void {
  let socket: Socket = raw;
  let buffered = '';
  let inData = false;
  let dataLines: string[] = [];
  let envelope: { from: string; to: string[] } = { from: '', to: [] };
  let auth: string | null = null;
  let secure = false;
  const send = (text: string): void => {
    socket.write(`${text}\r\n`);
  };

  const onLine = (line: string): void => {
    if (inData) {
      if (line === '.') {
        inData = false;
        const reply = options.dataReply?.() ?? '250 queued';
        if (reply.startsWith('250'))
          sink.messages.push({ ...envelope, data: dataLines.join('\r\n'), auth, tls: secure });
        dataLines = [];
        envelope = { from: '', to: [] };
        send(reply);
      } else {
        dataLines.push(line.startsWith('..') ? line.slice(1) : line);
      }
      return;
    }
    sink.commands.push(line);
    const verb = line.split(' ')[0]?.toUpperCase() ?? '';
    if (verb === 'EHLO') {
      const extensions = [
        '250-sink.localhost',
        '250-8BITMIME',
        ...(options.tls !== undefined && !secure ? ['250-STARTTLS'] : []),
        '250 AUTH PLAIN',
      ];
      send(extensions.join('\r\n'));
    } else if (verb === 'STARTTLS' && options.tls !== undefined) {
      send('220 go ahead');
      socket.off('data', onData);
      const tls = new TLSSocket(socket, { isServer: true, key: options.tls.key, cert: options.tls.cert });
      tls.on('data', onData);
      tls.on('error', () => undefined);
      socket = tls;
      secure = true;
    } else if (verb === 'AUTH') {
      const decoded = Buffer.from(line.split(' ')[2] ?? '', 'base64')
        .toString('utf8')
        .split('\0');
      auth = `${decoded[1] ?? ''}:${decoded[2] ?? ''}`;
      send('235 authenticated');
    } else if (verb === 'MAIL') {
      envelope.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
      send('250 OK');
    } else if (verb === 'RCPT') {
      const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
      const reply = options.rcptReply?.(address) ?? '250 OK';
      if (reply.startsWith('250')) envelope.to.push(address);
      send(reply);
    } else if (verb === 'DATA') {
      inData = true;
      send('354 end with <CRLF>.<CRLF>');
    } else if (verb === 'RSET') {
      envelope = { from: '', to: [] };
      send('250 OK');
    } else if (verb === 'QUIT') {
      send('221 bye');
      socket.end();
    } else {
      send('502 not implemented');
    }
  };

  const onData = (chunk: Buffer): void => {
    buffered += chunk.toString('utf8');
    let end: number;
    while ((end = buffered.indexOf('\r\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      onLine(line);
    }
  };
  raw.on('data', onData);
  raw.on('error', () => undefined);
  send('220 sink.localhost ESMTP test sink');
}

/** Starts the sink on a free port of 127.0.0.1. */
export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const sockets = new Set<Socket>();
  const sink: SmtpSink = { port: 0, messages: [], commands: [], close: () => Promise.resolve() };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, sink, options);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  sink.port = typeof address === 'object' && address !== null ? address.port : 0;
  sink.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return sink;
}

/** The header `name` of a received message. */
export function headerOf(message: SinkMessage, name: string): string | undefined {
  const head = message.data.split('\r\n\r\n')[0] ?? '';
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The text of a received message (base64 body decoded). */
export function textOf(message: SinkMessage): string {
  const body = message.data.split('\r\n\r\n').slice(1).join('\r\n\r\n');
  return Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8');
}
