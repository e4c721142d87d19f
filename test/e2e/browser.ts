// Helpers for the browser tests: the local Chromium (skipped with a message when it is missing,
// a failure under CI), a fresh web build when web/dist is missing or older than its sources, an
// in-process Beacon with the demo seeded on a throwaway store, accessibility checks with axe-core,
// and screenshots into test-artifacts/screenshots/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../src/app.ts';
import type { App } from '../../src/app.ts';
import { configFrom } from '../../src/config.ts';
import { seedDemo } from '../../src/services/seed-demo.ts';
import type { DemoSeed } from '../../src/services/seed-demo.ts';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Whether the browser tests can run. Without Chromium they are skipped with a message, except
 * under CI (process.env.CI set), where a missing browser is a failure.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `${CHROMIUM} is missing: the browser tests are skipped (install Debian's chromium to run them).`;
  if (process.env.CI) throw new Error(`${message} CI requires them.`);
  console.warn(message);
  return false;
}

/** Launches the local Chromium headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The newest modification time of any file under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds the web app unless web/dist is newer than everything it is built from. */
export function ensureWebBuilt(): void {
  const index = join(ROOT, 'web', 'dist', 'index.html');
  const sources = Math.max(
    newest(join(ROOT, 'web', 'src')),
    statSync(join(ROOT, 'web', 'index.html')).mtimeMs,
    statSync(join(ROOT, 'web', 'vite.config.ts')).mtimeMs,
    statSync(join(ROOT, 'catalogue', 'indicators.yaml')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

/** A listening Beacon on a throwaway in-memory store with the demo seeded and screened. */
export async function startSeededApp(
  adverts: number,
): Promise<{ app: App; url: string; seed: DemoSeed }> {
  const config = configFrom({
    BEACON_DATA_DIR: 'memory',
    BEACON_WORKERS: '0',
    BEACON_COOKIE_SECURE: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const app = await createApp(config, { logger: false });
  try {
    const seed = await seedDemo(app.ctx, { adverts });
    await app.createWorker().drain();
    const url = await app.listen();
    return { app, url, seed };
  } catch (err) {
    await app.close();
    throw err;
  }
}

/** A violation of an accessibility rule, as axe reports it. */
interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/**
 * Runs axe-core on the page; returns the serious and critical violations (empty when none) so
 * the caller can assert on them with a readable message.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate('typeof window.axe !== "undefined"');
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy (rightly) blocks
  // inline scripts, and the tests keep that policy switched on.
  if (!loaded) await page.evaluate(readFileSync(AXE, 'utf8'));
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: AxeViolation[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(', ')})`,
    );
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}
