import { Command, Option } from 'commander';
import { API_KEY_SCOPES } from '../../core/auth/permissions.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/accounts/api-keys.ts';
import { findOrganisationBySlug } from '../../services/accounts/find-organisations.ts';
import { withStore } from '../with-store.ts';

/** `beacon apikey`: create, list and revoke a site's API keys. */
export function apikeyCommand(): Command {
  return new Command('apikey')
    .description("Manage a site's API keys (sent as Authorization: Bearer <key>).")
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(revokeCommand());
}

function createCommand(): Command {
  return new Command('create')
    .description('Create an API key for a site. The key is printed once and cannot be shown again.')
    .requiredOption('--org <slug>', 'the site')
    .requiredOption('--name <name>', 'what the key is for, e.g. "ingest from production"')
    .addOption(
      new Option('--scope <scope...>', 'what the key may do')
        .choices(API_KEY_SCOPES)
        .makeOptionMandatory(),
    )
    .action(async (opts: { org: string; name: string; scope: string[] }) => {
      await withStore(async (ctx) => {
        const org = await findOrganisationBySlug(ctx, opts.org);
        const created = await createApiKey(ctx, {
          orgId: org.id,
          name: opts.name,
          scopes: opts.scope,
          createdBy: null,
        });
        console.error(
          'The key below is shown once and never again: store it in a secret manager now. ' +
            'Beacon keeps only its hash.',
        );
        console.log(created.key);
        console.error(
          `id ${created.id}, prefix ${created.prefix}, scopes ${opts.scope.join(', ')}`,
        );
      });
    });
}

function listCommand(): Command {
  return new Command('list')
    .description("List a site's API keys (never the keys themselves).")
    .requiredOption('--org <slug>', 'the site')
    .action(async (opts: { org: string }) => {
      await withStore(async (ctx) => {
        const org = await findOrganisationBySlug(ctx, opts.org);
        const keys = await listApiKeys(ctx, org.id);
        if (keys.length === 0) console.log(`no API keys for ${org.slug}`);
        for (const k of keys) {
          const state = k.revokedAt === null ? 'active' : `revoked ${k.revokedAt.toISOString()}`;
          const used =
            k.lastUsedAt === null ? 'never used' : `last used ${k.lastUsedAt.toISOString()}`;
          console.log(
            `${k.id}\tbk_${k.prefix}_…\t${k.name}\t${k.scopes.join(',')}\t${state}\t${used}`,
          );
        }
      });
    });
}

function revokeCommand(): Command {
  return new Command('revoke')
    .description('Revoke an API key: it is refused from then on.')
    .requiredOption('--org <slug>', 'the site')
    .argument('<id>', 'the key id (beacon apikey list)')
    .action(async (id: string, opts: { org: string }) => {
      await withStore(async (ctx) => {
        const org = await findOrganisationBySlug(ctx, opts.org);
        const r = await revokeApiKey(ctx, { orgId: org.id, id, actorUserId: null });
        console.log(`revoked ${r.id} (${r.revokedAt.toISOString()})`);
      });
    });
}
