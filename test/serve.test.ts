// `npm start` as a person runs it: a fresh data folder gets the demo (credentials printed once,
// adverts screened in the background, the API answering); a second start reuses the data; the
// embedded store refuses a second process while the first runs.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', 'bin', 'beacon.js');
const running: ChildProcess[] = [];

function serve(dataDir: string, ...args: string[]) {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...process.env, CI: 'true', BEACON_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
  });
  running.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const until = async (pattern: RegExp, ms = 90_000): Promise<RegExpMatchArray> => {
    const start = Date.now();
    for (;;) {
      const m = out.match(pattern);
      if (m) return m;
      if (child.exitCode !== null || Date.now() - start > ms) {
        throw new Error(`no ${pattern} in:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, until, exited, output: () => out };
}

afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('beacon serve --demo (npm start)', () => {
  it('sets up the demo once, serves it, and reuses the data on the next start', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'beacon-serve-')), 'data');
    const first = serve(dataDir, '--demo', '--demo-adverts', '300');
    const [, url] = await first.until(/Beacon is running at (http:\/\/\S+)/);
    const creds = first.output().match(/moderator\s+(\S+@\S+)\s+(\S+)\s+\(demo-site\)/)!;
    expect(creds).not.toBeNull();
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    await first.until(/Screening up to date/);

    const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: creds[1], password: creds[2] }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const list = await fetch(`${url}/api/v1/adverts?limit=5`, { headers: { cookie } });
    const page = (await list.json()) as { items: { level: string }[] };
    expect(page.items).toHaveLength(5);

    // The embedded store is one process's at a time.
    const second = serve(dataDir);
    await second.until(/in use by process/);
    expect(await second.exited).toBe(1);

    first.child.kill('SIGTERM');
    expect(await first.exited, first.output()).toBe(0);

    const again = serve(dataDir, '--demo');
    await again.until(/Beacon is running at/);
    expect(again.output()).toContain('Reusing the data');
    expect(again.output()).not.toMatch(/Passwords are shown/);
    again.child.kill('SIGTERM');
    expect(await again.exited, again.output()).toBe(0);
  });
});
