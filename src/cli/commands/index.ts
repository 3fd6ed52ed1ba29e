import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** Every command module, in the order `onset --help` lists them. */
export function registerCommands(_program: Command, _io: CliIo): void {
  // Command modules are added here.
}
