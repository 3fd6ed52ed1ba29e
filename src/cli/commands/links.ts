import type { Command } from 'commander';
import { listPatientLinks, revokePatientLink, type PatientLink } from '../../auth/patient-link.service.js';
import type { DatabaseHandle } from '../../db/database.js';
import { systemContext, type ServiceContext } from '../../records/context.js';
import { useDatabase, withDataOption, type DataOptions } from '../database-option.js';
import type { CliIo } from '../io.js';

const cliContext = (handle: DatabaseHandle, clinicId: string): ServiceContext =>
  systemContext(handle, clinicId, { actor: 'cli' });

/** One line per link: id, what it opens, when it was made, and whether it still works. */
export function linkLine(link: PatientLink): string {
  const what = link.purpose === 'questionnaire' ? `questionnaire ${link.instrument ?? ''}` : 'progress';
  const state =
    link.state === 'valid'
      ? `works until ${link.expiresAt}`
      : link.state === 'revoked'
        ? `revoked ${link.revokedAt ?? ''}`
        : link.state === 'used'
          ? `used ${link.usedAt ?? ''}`
          : `expired ${link.expiresAt}`;
  return `${link.id}  ${what}  created ${link.createdAt}  ${state}\n`;
}

/** `onset link list|revoke`: a clinic's patient links, and stopping one that should no longer work. */
export function registerLinkCommands(program: Command, io: CliIo): void {
  const link = program
    .command('link')
    .description('patient links (a questionnaire or the progress page), shown once, stored hashed');
  withDataOption(
    link
      .command('list')
      .description("list a patient's links, newest first")
      .requiredOption('--clinic <id>', 'clinic id')
      .requiredOption('--patient <id>', 'patient id'),
  ).action(async (options: DataOptions & { clinic: string; patient: string }) => {
    const links = await useDatabase(options, (handle) =>
      listPatientLinks(cliContext(handle, options.clinic), options.patient),
    );
    if (links.length === 0) io.out('no patient links\n');
    for (const l of links) io.out(linkLine(l));
  });
  withDataOption(
    link
      .command('revoke')
      .description('stop a link that has not been used; it then answers as an expired link does')
      .argument('<id>', 'link id')
      .requiredOption('--clinic <id>', 'clinic id'),
  ).action(async (id: string, options: DataOptions & { clinic: string }) => {
    await useDatabase(options, (handle) => revokePatientLink(cliContext(handle, options.clinic), id));
    io.out(`revoked ${id}\n`);
  });
}
