import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../../src/services/audit/record-audit-event.ts';
import { verifyAuditChain } from '../../src/services/audit/verify-audit-chain.ts';
import { backupEmbeddedStore, restoreEmbeddedStore } from '../../src/services/backup-store.ts';
import { manualClock } from '../../src/services/context.ts';
import { migrateStore, openStore } from '../../src/store/open-store.ts';
import { organisations } from '../../src/store/schema.ts';

describe('embedded store backup and restore', () => {
  let root: string;
  let source: string;
  let backup: string;
  const clock = manualClock(new Date('2026-05-06T07:08:09.123Z'));

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'beacon-backup-'));
    source = join(root, 'data');
    const store = await openStore({ dataDir: source });
    try {
      await migrateStore(store);
      await store.db.insert(organisations).values({ slug: 'kept', name: 'Kept', kind: 'ngo' });
      await recordAuditEvent({ db: store.db, clock }, { action: 'org.create', reason: 'test' });
    } finally {
      await store.close();
    }
    const out = await backupEmbeddedStore({ dataDir: source, out: root, clock });
    backup = out.file;
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function orgSlugs(dataDir: string): Promise<string[]> {
    const store = await openStore({ dataDir });
    try {
      await migrateStore(store);
      const audit = await verifyAuditChain({ db: store.db, clock });
      expect(audit).toMatchObject({ ok: true, events: 1 });
      return (await store.db.select().from(organisations)).map((o) => o.slug);
    } finally {
      await store.close();
    }
  }

  it('writes beacon-backup-<timestamp>.tar.gz and refuses to overwrite it', async () => {
    expect(backup).toBe(join(root, 'beacon-backup-20260506T070809Z.tar.gz'));
    await expect(backupEmbeddedStore({ dataDir: source, out: root, clock })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('restores into a new folder, where the organisation is found again', async () => {
    const target = join(root, 'restored');
    const outcome = await restoreEmbeddedStore({ dataDir: target, file: backup, clock });
    expect(outcome.movedAside).toBeNull();
    expect(await orgSlugs(target)).toEqual(['kept']);
    // The source is untouched and still opens.
    expect(await orgSlugs(source)).toEqual(['kept']);
  });

  it('refuses to restore over a store unless forced, and then moves the old one aside', async () => {
    const target = join(root, 'occupied');
    const store = await openStore({ dataDir: target });
    await migrateStore(store);
    await store.db.insert(organisations).values({ slug: 'old', name: 'Old', kind: 'site' });
    await store.close();

    await expect(
      restoreEmbeddedStore({ dataDir: target, file: backup, clock }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const outcome = await restoreEmbeddedStore({
      dataDir: target,
      file: backup,
      force: true,
      clock,
    });
    expect(outcome.movedAside).toBe(`${target}.before-restore-20260506T070809Z`);
    expect(await orgSlugs(target)).toEqual(['kept']);
    const old = await openStore({ dataDir: outcome.movedAside ?? '' });
    try {
      expect((await old.db.select().from(organisations)).map((o) => o.slug)).toEqual(['old']);
    } finally {
      await old.close();
    }
  });

  it('will not back up or restore a store another process holds', async () => {
    const held = await openStore({ dataDir: source });
    try {
      const other = { dataDir: source, out: join(root, 'while-held.tar.gz'), clock };
      // The lock file names this process, which openStore treats as its own: fake another owner.
      await writeFile(join(source, 'beacon.lock'), String(process.ppid));
      await expect(backupEmbeddedStore(other)).rejects.toMatchObject({ code: 'STORE_LOCKED' });
      await expect(
        restoreEmbeddedStore({ dataDir: source, file: backup, force: true, clock }),
      ).rejects.toMatchObject({ code: 'STORE_LOCKED' });
      expect(existsSync(other.out)).toBe(false);
    } finally {
      await writeFile(join(source, 'beacon.lock'), String(process.pid));
      await held.close();
    }
  });

  it('rejects a file that is not a backup, leaving nothing behind', async () => {
    const junk = join(root, 'junk.tar.gz');
    await writeFile(junk, 'not a tarball');
    const target = join(root, 'from-junk');
    await mkdir(target);
    await expect(
      restoreEmbeddedStore({ dataDir: target, file: junk, clock }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await readdir(target)).toEqual([]);
    expect((await readdir(root)).filter((n) => n.includes('restoring'))).toEqual([]);
  });

  it('has nothing to back up where there is no store', async () => {
    await expect(
      backupEmbeddedStore({ dataDir: join(root, 'nothing'), out: root, clock }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
