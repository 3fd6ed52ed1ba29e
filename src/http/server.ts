import type { FastifyInstance } from 'fastify';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Listens, and on SIGTERM or SIGINT stops accepting, lets in-flight requests finish (bounded by
 * `graceMs`), then runs `onClosed` (closing the database) before the process exits.
 */
export async function listen(
  app: FastifyInstance,
  options: { port: number; host: string; graceMs?: number; onClosed: () => Promise<void> },
): Promise<RunningServer> {
  const address = await app.listen({ port: options.port, host: options.host }).catch((error: unknown) => {
    throw listenFailure(error, options.host, options.port);
  });
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const timer = setTimeout(() => {
        app.log.error('shutdown grace period passed; closing remaining connections');
        app.server.closeAllConnections();
      }, options.graceMs ?? 10_000);
      timer.unref();
      await app.close();
      clearTimeout(timer);
      await options.onClosed();
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    app.log.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return { url: address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost'), close };
}

const LISTEN_REASONS: Record<string, string> = {
  EADDRINUSE: 'the port is already in use (is Onset already running?); choose another with --port',
  EACCES: 'permission denied (ports below 1024 need privileges); choose another with --port',
  EADDRNOTAVAIL: 'this machine has no such address; check --host',
};

/** Why the server could not listen, in words an operator can act on. */
function listenFailure(error: unknown, host: string, port: number): Error {
  const code = (error as { code?: unknown }).code;
  const reason = typeof code === 'string' ? LISTEN_REASONS[code] : undefined;
  return new Error(
    `cannot listen on ${host}:${port}: ${reason ?? (error instanceof Error ? error.message : String(error))}`,
    { cause: error },
  );
}
