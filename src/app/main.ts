import type { Command } from 'commander';
import { buildProgram, runCli } from '../cli/main.js';
import { processIo, type CliIo } from '../cli/io.js';
import { serve, wireServices } from './compose.js';

/** The `onset` command, wired: its services run their safety rules and `onset start` serves the app. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  wireServices();
  return runCli(argv, io, { serve });
}

/** The wired command tree (for walking `--help`). */
export function onsetProgram(io: CliIo): Command {
  wireServices();
  return buildProgram(io, { serve });
}
