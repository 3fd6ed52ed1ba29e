import { createInterface } from 'node:readline';

/**
 * Where a CLI command reads and writes. `main` gets the real process streams; tests pass a captured
 * one, so every command is tested in-process without a build step.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whole of standard input (used for passwords when stdin is not a terminal). */
  readStdin(): Promise<string>;
  /** Ask a question on the terminal without echoing the answer (passwords). */
  promptHidden(question: string): Promise<string>;
  readonly stdinIsTerminal: boolean;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    promptHidden: (question) =>
      new Promise((resolve) => {
        const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
        const rlWithOutput = rl as unknown as { _writeToOutput: (s: string) => void };
        process.stdout.write(question);
        rlWithOutput._writeToOutput = () => undefined;
        rl.question('', (answer) => {
          rl.close();
          process.stdout.write('\n');
          resolve(answer);
        });
      }),
    stdinIsTerminal: process.stdin.isTTY,
  };
}

/** An in-memory CliIo for tests: collects what a command prints. */
export function captureIo(stdin = ''): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    readStdin: () => Promise.resolve(stdin),
    promptHidden: () => Promise.resolve(stdin.trim()),
    stdinIsTerminal: false,
    stdout: () => out,
    stderr: () => err,
  };
}
