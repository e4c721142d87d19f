import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { Command, Option } from 'commander';
import { ROLES } from '../../core/auth/roles.ts';
import type { Role } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { addUser } from '../../services/accounts/add-user.ts';
import { findOrganisationBySlug } from '../../services/accounts/find-organisations.ts';
import { withStore } from '../with-store.ts';

/** `beacon user`: add people to organisations. */
export function userCommand(): Command {
  return new Command('user').description('Manage user accounts.').addCommand(
    new Command('add')
      .description(
        'Add a person to an organisation with one or more roles, creating the account if the ' +
          'email is new. The password is read from stdin (--password-stdin), the ' +
          'BEACON_NEW_PASSWORD variable, or a hidden prompt; never from the command line.',
      )
      .requiredOption('--email <email>', 'email address (sign-in name)')
      .requiredOption('--name <name>', 'display name')
      .requiredOption('--org <slug>', 'organisation slug')
      .addOption(
        new Option('--role <role...>', 'role(s) in that organisation')
          .choices(ROLES)
          .makeOptionMandatory(),
      )
      .option('--password-stdin', 'read the password from standard input')
      .action(
        async (opts: {
          email: string;
          name: string;
          org: string;
          role: Role[];
          passwordStdin?: boolean;
        }) => {
          const password = await newPassword(opts.passwordStdin === true);
          await withStore(async (ctx) => {
            const org = await findOrganisationBySlug(ctx, opts.org);
            const user = await addUser(ctx, {
              email: opts.email,
              displayName: opts.name,
              password,
              orgId: org.id,
              roles: opts.role,
            });
            console.log(
              user.created
                ? `created user ${user.id} in ${org.slug} as ${opts.role.join(', ')}`
                : `added existing user ${user.id} to ${org.slug} as ${opts.role.join(', ')} ` +
                    '(their password is unchanged)',
            );
          });
        },
      ),
  );
}

/** The new account's password, from stdin, the environment, or a prompt that does not echo. */
async function newPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    let text = '';
    process.stdin.setEncoding('utf8');
    for await (const chunk of process.stdin) text += chunk as string;
    return text.replace(/\r?\n$/, '');
  }
  const env = process.env.BEACON_NEW_PASSWORD;
  if (env !== undefined && env !== '') return env;
  if (process.stdin.isTTY && process.stdout.isTTY) {
    const first = await hiddenPrompt('Password for the new account: ');
    const again = await hiddenPrompt('Same password again: ');
    if (first !== again) throw new AppError('INVALID_INPUT', 'the two passwords differ');
    return first;
  }
  throw new AppError(
    'INVALID_INPUT',
    'no password given: pipe it with --password-stdin, set BEACON_NEW_PASSWORD, or run in a terminal',
  );
}

/** Asks a question on the terminal without echoing what is typed. */
async function hiddenPrompt(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    process.stdout.write(question);
    muted = true;
    return await rl.question('');
  } finally {
    muted = false;
    process.stdout.write('\n');
    rl.close();
  }
}
