import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'beacon.js');

let dataDir: string;

/** Runs `beacon` on an embedded store of its own, with `stdin` piped in. */
function beacon(args: string[], stdin = '', env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    // The embedded store in dataDir, whatever the calling shell has set.
    const base: NodeJS.ProcessEnv = { ...process.env, BEACON_DATA_DIR: dataDir, CI: 'true' };
    delete base.DATABASE_URL;
    delete base.BEACON_NEW_PASSWORD;
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('beacon org, user and apikey', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'beacon-accounts-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('creates an organisation and a user, refusing a password it is not given safely', async () => {
    const org = await beacon([
      'org',
      'add',
      '--slug',
      'north-site',
      '--name',
      'North',
      '--kind',
      'site',
    ]);
    expect(org.stderr).toBe('');
    expect(org.stdout).toMatch(/created site organisation north-site .*two-factor required/);
    const bad = await beacon(['org', 'add', '--slug', 'x', '--name', 'X', '--kind', 'bank']);
    expect(bad.code).not.toBe(0);

    const user = [
      'user',
      'add',
      '--email',
      'mod@example.org',
      '--name',
      'Mod',
      '--org',
      'north-site',
    ];
    // No stdin flag, no variable, no terminal: refused rather than guessed.
    const none = await beacon([...user, '--role', 'moderator']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--password-stdin/);
    const ok = await beacon(
      [...user, '--role', 'moderator', 'senior_moderator', '--password-stdin'],
      'tidal-Lantern-47-orchard\n',
    );
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/created user .* in north-site as moderator, senior_moderator/);
  });

  it('creates, lists and revokes an API key, printing the key once', async () => {
    const created = await beacon([
      'apikey',
      'create',
      '--org',
      'north-site',
      '--name',
      'ingest',
      '--scope',
      'adverts.ingest',
      'imports.create',
    ]);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^bk_[a-z2-7]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/shown once/);
    const id = /id ([0-9a-f-]{36})/.exec(created.stderr)?.[1] ?? '';

    const listed = await beacon(['apikey', 'list', '--org', 'north-site']);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('active');
    expect(listed.stdout).not.toContain(key.slice(12));

    const revoked = await beacon(['apikey', 'revoke', '--org', 'north-site', id]);
    expect(revoked.stdout).toContain(`revoked ${id}`);
    const scope = await beacon([
      'apikey',
      'create',
      '--org',
      'north-site',
      '--name',
      'x',
      '--scope',
      'adverts.read_personal',
    ]);
    expect(scope.code).not.toBe(0);
  });
});
