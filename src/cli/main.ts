import { Command, CommanderError } from 'commander';
import { isOnsetError } from '../shared/errors.js';
import type { CliIo } from './io.js';
import { registerCommands, type Entry } from './commands/index.js';

/** Builds the `onset` command tree. Each command module registers its own sub-commands. */
export function buildProgram(io: CliIo, entry: Entry): Command {
  const program = new Command('onset')
    .description('Onset: outcome tracking for ketamine treatment of anxiety')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();
  registerCommands(program, io, entry);
  return program;
}

/**
 * Runs the CLI and returns the exit code; errors print a clear message, never a stack trace. The entry
 * (what `onset start` serves) comes from the composition root, src/app/main.ts.
 */
export async function runCli(argv: readonly string[], io: CliIo, entry: Entry): Promise<number> {
  const program = buildProgram(io, entry);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    if (isOnsetError(error)) {
      io.err(`error: ${error.message}\n`);
      return error.status >= 500 ? 1 : 2;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
