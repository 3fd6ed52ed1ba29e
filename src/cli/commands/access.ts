import type { Command } from 'commander';
import { createApiToken, listApiTokens, revokeApiToken } from '../../auth/api-token.service.js';
import type { DatabaseHandle } from '../../db/database.js';
import { systemContext, type ServiceContext } from '../../records/context.js';
import { OnsetError } from '../../shared/errors.js';
import { userRepository } from '../../users/user.repository.js';
import { useDatabase, withDataOption, type DataOptions } from '../database-option.js';
import { registerAuditCommands } from './audit.js';
import type { CliIo } from '../io.js';

const cliContext = (handle: DatabaseHandle, clinicId: string): ServiceContext =>
  systemContext(handle, clinicId, { actor: 'cli' });

/** `onset token create|list|revoke`, and the `onset audit` commands (audit.ts). */
export function registerAccessCommands(program: Command, io: CliIo): void {
  const token = program.command('token').description('API tokens for integrations (shown once, stored hashed)');
  withDataOption(
    token
      .command('create')
      .description(
        'create an API token acting as the user with this e-mail (audited as created by the operator for that user); prints the token once',
      )
      .requiredOption('--email <email>', 'the staff user the token acts as')
      .option('--name <name>', 'what the token is for', 'integration'),
  ).action(async (options: DataOptions & { email: string; name: string }) => {
    const issued = await useDatabase(options, async (handle) => {
      const user = await userRepository.findByEmailForSignIn(handle.db, options.email);
      if (user === undefined) throw new OnsetError('NOT_FOUND', `no user with the e-mail ${options.email}`);
      return createApiToken(cliContext(handle, user.clinic_id), user.id, options.name);
    });
    io.out(`${issued.token}\n`);
    io.err(`token ${issued.info.id} created; store it now, it is not shown again\n`);
  });
  withDataOption(
    token.command('list').description('list the API tokens of a clinic').requiredOption('--clinic <id>', 'clinic id'),
  ).action(async (options: DataOptions & { clinic: string }) => {
    const tokens = await useDatabase(options, (handle) => listApiTokens(cliContext(handle, options.clinic)));
    if (tokens.length === 0) io.out('no API tokens\n');
    for (const t of tokens)
      io.out(
        `${t.id}  ${t.name}  created ${t.createdAt}  ${t.revokedAt === null ? 'active' : `revoked ${t.revokedAt}`}\n`,
      );
  });
  withDataOption(
    token
      .command('revoke')
      .description('revoke an API token')
      .argument('<id>', 'token id')
      .requiredOption('--clinic <id>', 'clinic id'),
  ).action(async (id: string, options: DataOptions & { clinic: string }) => {
    await useDatabase(options, (handle) => revokeApiToken(cliContext(handle, options.clinic), id));
    io.out(`revoked ${id}\n`);
  });

  registerAuditCommands(program, io);
}
