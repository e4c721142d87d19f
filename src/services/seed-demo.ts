// The demo a fresh `npm start` sets up: clearly-marked demo organisations (a site, a police
// force, an NGO), a person in each role that matters, and a synthetic corpus queued for
// screening. Passwords are random and returned once, for printing; nothing here is real.
import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Role } from '../core/auth/roles.ts';
import { generateCorpus } from '../core/demo/generate-corpus.ts';
import { organisations } from '../store/schema.ts';
import { addUser } from './accounts/add-user.ts';
import { createOrganisation } from './accounts/create-organisation.ts';
import type { ServiceContext } from './context.ts';
import { runImport, startImport } from './import-adverts.ts';
import type { ImportLine, ImportProgress } from './import-adverts.ts';

export interface DemoCredentials {
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  readonly org: string;
}

export interface DemoSeed {
  readonly credentials: readonly DemoCredentials[];
  readonly adverts: number;
}

/** Whether the store holds no organisation yet (a fresh store). */
export async function storeIsEmpty(ctx: ServiceContext): Promise<boolean> {
  const [row] = await ctx.db.select({ n: count() }).from(organisations);
  return (row?.n ?? 0) === 0;
}

const PEOPLE: readonly { role: Role; org: 'site' | 'police' | 'ngo'; name: string }[] = [
  { role: 'site_admin', org: 'site', name: 'Demo site admin' },
  { role: 'moderator', org: 'site', name: 'Demo moderator' },
  { role: 'senior_moderator', org: 'site', name: 'Demo senior moderator' },
  { role: 'police_analyst', org: 'police', name: 'Demo police analyst' },
  { role: 'ngo_caseworker', org: 'ngo', name: 'Demo NGO caseworker' },
];

/** A password people can type: four groups of five letters and digits. */
function demoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]!);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/**
 * Creates the demo organisations and people and imports `adverts` synthetic adverts into the demo
 * site (queued for screening). Two-factor sign-in is off for the demo organisations only, so a
 * demo needs no authenticator app; every real organisation requires it by default.
 */
export async function seedDemo(
  ctx: ServiceContext,
  options: { adverts: number; seed?: number; onProgress?: (p: ImportProgress) => void },
): Promise<DemoSeed> {
  const orgs = {
    site: await createOrganisation(ctx, {
      slug: 'demo-site',
      name: 'Demo adult services site (synthetic data)',
      kind: 'site',
      isDemo: true,
      requireTwoFactor: false,
    }),
    police: await createOrganisation(ctx, {
      slug: 'demo-police',
      name: 'Demo police force (synthetic data)',
      kind: 'police',
      isDemo: true,
      requireTwoFactor: false,
    }),
    ngo: await createOrganisation(ctx, {
      slug: 'demo-ngo',
      name: 'Demo NGO (synthetic data)',
      kind: 'ngo',
      isDemo: true,
      requireTwoFactor: false,
    }),
  };
  const credentials: DemoCredentials[] = [];
  for (const p of PEOPLE) {
    const password = demoPassword();
    const email = `${p.role.replaceAll('_', '-')}@demo.beacon.invalid`;
    await addUser(ctx, {
      email,
      displayName: p.name,
      password,
      orgId: orgs[p.org].id,
      roles: [p.role],
    });
    credentials.push({ email, password, role: p.role, org: orgs[p.org].slug });
  }
  const id = await startImport(ctx, {
    orgId: orgs.site.id,
    createdBy: null,
    total: options.adverts,
  });
  const start = new Date(ctx.clock.now().getTime() - 30 * 86_400_000).toISOString();
  function* batches(): Generator<ImportLine[]> {
    let batch: ImportLine[] = [];
    let line = 0;
    for (const { advert } of generateCorpus({
      adverts: options.adverts,
      seed: options.seed ?? 1,
      start,
      days: 30,
      site: 'demo-site',
    })) {
      line += 1;
      batch.push({ line, record: advert });
      if (batch.length === 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  const outcome = await runImport(ctx, {
    id,
    orgId: orgs.site.id,
    batches: batches(),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { credentials, adverts: outcome.accepted };
}
