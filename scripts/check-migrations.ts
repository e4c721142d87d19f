// Fails when src/store/schema.ts and the committed migrations disagree: drizzle-kit generates
// into a copy of the migrations folder, and any new file there is a migration nobody committed.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';

const committed = 'src/store/migrations';
// drizzle-kit wants a path relative to the project, so the copy lives in node_modules/.cache.
const copy = `node_modules/.cache/beacon-migrations-check-${process.pid}`;
mkdirSync('node_modules/.cache', { recursive: true });
cpSync(committed, copy, { recursive: true });
const list = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();
const before = list(copy);
try {
  const out = execFileSync(
    'npx',
    [
      'drizzle-kit',
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      'src/store/schema.ts',
      '--out',
      copy,
      '--name',
      'check',
    ],
    { stdio: 'pipe', encoding: 'utf8' },
  );
  const added = list(copy).filter((f) => !before.includes(f));
  if (added.length > 0) {
    console.error(
      `The schema has changes with no committed migration (${added.join(', ')}).\n` +
        'Run `npm run db:generate`, review the SQL, and commit it.',
    );
    process.exitCode = 1;
  } else if (!/No schema changes/i.test(out)) {
    console.error(`drizzle-kit did not confirm the schema is unchanged:\n${out}`);
    process.exitCode = 1;
  } else {
    console.log('Schema and committed migrations agree.');
  }
} finally {
  rmSync(copy, { recursive: true, force: true });
}
