import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerAccessCommands } from './access.js';
import { registerAdminCommands } from './admin.js';
import { registerBillingCommands } from './billing.js';
import { registerBackupCommands } from './backup.js';
import { registerCheckStateCommand } from './check-state.js';
import { registerCohortCommands } from './cohort.js';
import { registerForecastCommands } from './forecast.js';
import { registerExchangeCommands } from './exchange.js';
import { registerInstrumentCommands } from './instruments.js';
import { registerLinkCommands } from './links.js';
import { registerOutcomesCommands } from './outcomes.js';
import { registerStartCommand, type Serve } from './start.js';
import { registerStatsCommands } from './stats.js';

/** What the composition root gives the CLI: the server `onset start` runs. */
export interface Entry {
  serve: Serve;
}

/** Every command module, in the order `onset --help` lists them. */
export function registerCommands(program: Command, io: CliIo, entry: Entry): void {
  registerStartCommand(program, io, entry.serve);
  registerAdminCommands(program, io);
  registerAccessCommands(program, io);
  registerCheckStateCommand(program, io);
  registerLinkCommands(program, io);
  registerBackupCommands(program, io);
  registerExchangeCommands(program, io);
  registerBillingCommands(program, io);
  registerInstrumentCommands(program, io);
  registerStatsCommands(program, io);
  registerOutcomesCommands(program, io);
  registerCohortCommands(program, io);
  registerForecastCommands(program, io);
}
