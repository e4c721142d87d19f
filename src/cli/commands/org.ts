import { Command, Option } from 'commander';
import { ORG_KINDS } from '../../core/auth/roles.ts';
import type { OrgKind } from '../../core/auth/roles.ts';
import { createOrganisation } from '../../services/accounts/create-organisation.ts';
import { listOrganisations } from '../../services/accounts/find-organisations.ts';
import { withStore } from '../with-store.ts';

/** `beacon org`: create and list organisations. */
export function orgCommand(): Command {
  return new Command('org')
    .description('Create and list organisations (sites, police forces, NGOs, research, training).')
    .addCommand(addCommand())
    .addCommand(listCommand());
}

function addCommand(): Command {
  return new Command('add')
    .description(
      'Create an organisation. Two-factor sign-in is required by default for sites, police and ' +
        'NGOs (they see personal data).',
    )
    .requiredOption('--slug <slug>', 'short name: lower-case letters, digits and hyphens')
    .requiredOption('--name <name>', 'display name')
    .addOption(
      new Option('--kind <kind>', 'kind of organisation').choices(ORG_KINDS).makeOptionMandatory(),
    )
    .option('--demo', 'mark it as a demo organisation (synthetic data only)')
    .option('--no-two-factor', 'do not require two-factor sign-in of its members')
    .action(
      async (opts: {
        slug: string;
        name: string;
        kind: OrgKind;
        demo?: boolean;
        twoFactor: boolean;
      }) => {
        await withStore(async (ctx) => {
          const org = await createOrganisation(ctx, {
            slug: opts.slug,
            name: opts.name,
            kind: opts.kind,
            isDemo: opts.demo === true,
            // Left to the kind's default unless switched off explicitly.
            ...(opts.twoFactor ? {} : { requireTwoFactor: false }),
          });
          console.log(
            `created ${org.kind} organisation ${org.slug} (${org.id})` +
              `${org.isDemo ? ', demo' : ''}, two-factor ${org.requireTwoFactor ? 'required' : 'optional'}`,
          );
        });
      },
    );
}

function listCommand(): Command {
  return new Command('list').description('List every organisation.').action(async () => {
    await withStore(async (ctx) => {
      const orgs = await listOrganisations(ctx);
      if (orgs.length === 0) console.log('no organisations yet (beacon org add)');
      for (const o of orgs) {
        const flags = [o.isDemo ? 'demo' : '', o.requireTwoFactor ? '2FA required' : '']
          .filter((f) => f !== '')
          .join(', ');
        console.log(
          `${o.slug}\t${o.kind}\t${o.name}\t${o.id}${flags === '' ? '' : `\t(${flags})`}`,
        );
      }
    });
  });
}
