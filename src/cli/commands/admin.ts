import type { Command } from 'commander';
import { sealLegacyTotpSecrets } from '../../auth/session.service.js';
import { createClinic, getClinic, listClinicsWithSizes } from '../../clinics/clinic.service.js';
import { migrateToLatest } from '../../db/migrate.js';
import { systemContext } from '../../records/context.js';
import { invalid } from '../../shared/errors.js';
import { plural } from '../../shared/plural.js';
import { createUser } from '../../users/user.service.js';
import { openDataDatabase, useDatabase, withDataOption, type DataOptions } from '../database-option.js';
import type { CliIo } from '../io.js';

/** `onset migrate`, `onset clinic create`, `onset clinic list`, `onset user create`, `onset user seal-secrets`. */
export function registerAdminCommands(program: Command, io: CliIo): void {
  withDataOption(program.command('migrate').description('bring the database schema up to date')).action(
    async (options: DataOptions) => {
      const handle = openDataDatabase(options);
      try {
        const applied = await migrateToLatest(handle);
        io.out(
          applied.length === 0
            ? `schema is up to date (${handle.location})\n`
            : `applied ${applied.join(', ')} to ${handle.location}\n`,
        );
      } finally {
        await handle.close();
      }
    },
  );

  const clinic = program.command('clinic').description('manage clinics');
  withDataOption(
    clinic
      .command('create')
      .description('create a clinic and print its id alone on stdout')
      .argument('<name>', 'the clinic name')
      .option('--time-zone <zone>', 'IANA time zone of the clinic', 'UTC'),
  ).action(async (name: string, options: DataOptions & { timeZone: string }) => {
    const created = await useDatabase(options, (handle) =>
      createClinic(handle.db, { name, timeZone: options.timeZone }),
    );
    io.out(`${created.id}\n`);
  });
  withDataOption(
    clinic
      .command('list')
      .description('list the clinics: id, name, time zone, patients and active staff')
      .option('--json', 'print JSON instead of lines'),
    { init: false },
  ).action(async (options: DataOptions & { json?: boolean }) => {
    const clinics = await useDatabase(options, (handle) => listClinicsWithSizes(handle.db));
    if (options.json === true) {
      io.out(
        `${JSON.stringify(clinics.map(({ id, name, timeZone, patients, staff }) => ({ id, name, timeZone, patients, staff })))}\n`,
      );
      return;
    }
    if (clinics.length === 0) {
      io.out('no clinics yet: create one with `onset clinic create <name>`\n');
      return;
    }
    for (const c of clinics) {
      io.out(
        `${c.id}  ${c.name}  (${c.timeZone}; ${plural(c.patients, 'patient')}, ${plural(c.staff, 'staff user')})\n`,
      );
    }
  });

  const user = program.command('user').description('manage staff users');
  withDataOption(
    user
      .command('create')
      .description(
        'create a staff user; the password is read from a prompt, or from stdin when stdin is not a terminal',
      )
      .requiredOption('--clinic <id>', 'the clinic the user belongs to')
      .requiredOption('--email <email>', 'sign-in e-mail address')
      .requiredOption('--role <role>', 'admin, clinician or researcher')
      .option('--name <name>', 'display name'),
  ).action(async (options: DataOptions & { clinic: string; email: string; role: string; name?: string }) => {
    const password = io.stdinIsTerminal ? await io.promptHidden('Password: ') : firstLine(await io.readStdin());
    if (password === '') throw invalid('password', 'is empty (give it at the prompt or on stdin)');
    const created = await useDatabase(options, async (handle) => {
      await getClinic(handle.db, options.clinic);
      const ctx = systemContext(handle, options.clinic, { actor: 'cli' });
      return createUser(ctx, {
        email: options.email,
        role: options.role,
        password,
        ...(options.name === undefined ? {} : { displayName: options.name }),
      });
    });
    io.out(`created ${created.role} ${created.email} (${created.id})\n`);
  });
  withDataOption(
    user
      .command('seal-secrets')
      .description('seal every two-step sign-in secret still stored in plaintext with ONSET_SECRET_KEY (AES-256-GCM)'),
  ).action(async (options: DataOptions) => {
    const sealed = await useDatabase(options, (handle) => sealLegacyTotpSecrets(handle.db));
    io.out(`sealed ${sealed} two-step sign-in secret(s)\n`);
  });
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '').trim();
}
