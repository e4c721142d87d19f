import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../../src/services/audit/record-audit-event.ts';
import { manualClock } from '../../src/services/context.ts';
import { migrateStore, openStore } from '../../src/store/open-store.ts';
import { organisations } from '../../src/store/schema.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'beacon.js');

/** Runs the CLI against an embedded store in `dataDir` (DATABASE_URL cleared unless given). */
async function beacon(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', CI: 'true', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('beacon audit / backup / restore', () => {
  let root: string;
  let dataDir: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'beacon-audit-cli-'));
    dataDir = join(root, 'data');
    const store = await openStore({ dataDir });
    try {
      await migrateStore(store);
      const [org] = await store.db
        .insert(organisations)
        .values({ slug: 'site-a', name: 'Site A', kind: 'site' })
        .returning();
      const ctx = { db: store.db, clock: manualClock() };
      for (let i = 1; i <= 4; i++) {
        await recordAuditEvent(ctx, {
          action: 'review.decide',
          orgId: i % 2 === 0 ? (org?.id ?? null) : null,
          targetType: 'advert',
          targetId: `ad-${i}`,
          reason: `reason ${i}`,
        });
      }
    } finally {
      await store.close();
    }
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists, verifies, backs up, detects tampering and restores the intact copy', async () => {
    const env = { BEACON_DATA_DIR: dataDir };
    const list = await beacon(env, 'audit', 'list', '--org', 'site-a');
    expect(list.code).toBe(0);
    expect(
      list.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t')[0]),
    ).toEqual(['#4', '#2']);
    expect(list.stdout).toContain('reason 4');
    expect((await beacon(env, 'audit', 'list', '--org', 'nope')).code).toBe(2);

    const ok = await beacon(env, 'audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^audit trail intact: 4 events, last hash [0-9a-f]{64}\n$/);

    const backup = await beacon(env, 'backup', '--out', root);
    expect(backup.code, backup.stderr).toBe(0);
    const [file] = (await readdir(root)).filter((n) =>
      /^beacon-backup-\d{8}T\d{6}Z\.tar\.gz$/.test(n),
    );
    expect(file).toBeDefined();

    const store = await openStore({ dataDir });
    await store.db.execute(sql`UPDATE audit_events SET reason = 'x' WHERE seq = 3`);
    await store.close();
    const broken = await beacon(env, 'audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      'audit trail broken at event #3: hash mismatch [AUDIT_CHAIN_BROKEN]',
    );

    const refused = await beacon(env, 'restore', join(root, file ?? ''));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    const restored = await beacon(env, 'restore', join(root, file ?? ''), '--force');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('.before-restore-');
    expect((await beacon(env, 'audit', 'verify')).stdout).toContain('intact: 4 events');
  }, 240_000);

  it('points to pg_dump when DATABASE_URL is set', async () => {
    const env = { BEACON_DATA_DIR: dataDir, DATABASE_URL: 'postgres://127.0.0.1:1/none' };
    const backup = await beacon(env, 'backup');
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain('pg_dump');
    expect((await beacon(env, 'restore', 'x.tar.gz')).stderr).toContain('pg_restore');
  });
});
