/** A background job run every `intervalMs` until stopped; a failed run is reported and the next goes ahead. */
export interface Loop {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `work` now and then every `intervalMs` after each run ends (never two runs at once). The timer
 * does not keep the process alive; `onError` hears about a failed run (the loop carries on).
 */
export function startLoop(work: () => Promise<unknown>, intervalMs: number, onError: (error: unknown) => void): Loop {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const run = (): void => {
    running = work()
      .then(
        () => undefined,
        (error: unknown) => {
          onError(error);
        },
      )
      .then(() => {
        if (!stopped) {
          timer = setTimeout(run, intervalMs);
          timer.unref();
        }
      });
  };
  run();
  return {
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      await running;
    },
  };
}
