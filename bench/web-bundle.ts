// Web app size (issue: web app, §7): the JavaScript the first load of the reviewer web app fetches
// must be under 1 MB gzipped. Reads web/dist/index.html (building the app with `npm run build:web`
// when web/dist is missing), takes the entry script and its modulepreload links, follows their
// static imports in case a chunk is not preloaded, gzips each file with node:zlib and sums them;
// the biggest lazy chunks (views loaded on navigation) are listed for information.
// `node --import tsx bench/web-bundle.ts [--smoke]` runs it alone; `npm run bench` with the rest.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The target: JavaScript of the first load, gzipped. */
const TARGET_BYTES = 1024 * 1024;
const DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The site-absolute paths of `attr` on tags matching `tag` in the HTML. */
function attributes(html: string, tag: RegExp, attr: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const t = m[0];
    if (!tag.test(t)) continue;
    const value = new RegExp(`\\b${attr}="([^"]+)"`).exec(t)?.[1];
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** Static imports of an ES module chunk: `import … from "./x.js"` and `import "./x.js"`. */
function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g)) {
    out.push(m[1]!);
  }
  return out;
}

interface Chunk {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
}

async function chunk(file: string): Promise<Chunk> {
  const data = await readFile(join(DIST, file));
  return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

/** Measures the first-load JavaScript of web/dist and prints it against the target. */
export async function runWebBundleBench(smoke: boolean): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error('    web/dist is missing: building the web app (npm run build:web)');
    execFileSync('npm', ['run', 'build:web'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const entries = attributes(html, /<script\b[^>]*type="module"/, 'src');
  const preloads = attributes(html, /<link\b[^>]*rel="modulepreload"/, 'href');
  const styles = attributes(html, /<link\b[^>]*rel="stylesheet"/, 'href');
  if (entries.length === 0) throw new Error('web/dist/index.html has no module script');

  // The first load: entries, preloads, and whatever they import statically (the browser fetches
  // those before running the entry whether or not they are preloaded).
  const first = new Map<string, Chunk>();
  const unpreloaded: string[] = [];
  const queue = [...entries, ...preloads].map((p) => p.replace(/^\//, ''));
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (first.has(file)) continue;
    const c = await chunk(file);
    first.set(file, c);
    const code = await readFile(join(DIST, file), 'utf8');
    for (const spec of staticImports(code)) {
      const dep = posix.normalize(posix.join(posix.dirname(file), spec));
      if (!first.has(dep) && !queue.includes(dep)) {
        queue.push(dep);
        if (!preloads.some((p) => p.replace(/^\//, '') === dep)) unpreloaded.push(dep);
      }
    }
  }
  const all = (await readdir(join(DIST, 'assets'))).filter((f) => f.endsWith('.js'));
  const lazy = await Promise.all(
    all
      .map((f) => `assets/${f}`)
      .filter((f) => !first.has(f))
      .map(chunk),
  );
  lazy.sort((a, b) => b.gzip - a.gzip);
  const css = await Promise.all(styles.map((s) => chunk(s.replace(/^\//, ''))));

  const total = [...first.values()].reduce((n, c) => n + c.gzip, 0);
  const raw = [...first.values()].reduce((n, c) => n + c.bytes, 0);
  const ratio = total / TARGET_BYTES;
  console.log(
    `\nWeb app first load${smoke ? ' (smoke)' : ''}: the JavaScript web/dist/index.html loads ` +
      `(entry and modulepreload links${unpreloaded.length > 0 ? ', and static imports not preloaded' : ''}), gzip level 9`,
  );
  console.log(`  ${'file'.padEnd(40)} ${'size'.padStart(10)} ${'gzip'.padStart(10)}`);
  for (const c of [...first.values()].sort((a, b) => b.gzip - a.gzip)) {
    console.log(`  ${c.file.padEnd(40)} ${kb(c.bytes).padStart(10)} ${kb(c.gzip).padStart(10)}`);
  }
  console.log(
    `  first-load JavaScript ${kb(total)} gzipped (${kb(raw)} as served uncompressed), ` +
      `${first.size} files; target < ${kb(TARGET_BYTES)}; ratio ${ratio.toFixed(2)} (< 1 meets): ` +
      `${smoke ? 'not judged (smoke)' : ratio < 1 ? 'met' : 'NOT met'}`,
  );
  if (css.length > 0) {
    console.log(
      `  (stylesheets, not counted: ${css.map((c) => `${c.file} ${kb(c.gzip)} gzipped`).join(', ')})`,
    );
  }
  console.log(`  biggest lazy chunks (fetched on navigation, not counted):`);
  for (const c of lazy.slice(0, smoke ? 3 : 6)) {
    console.log(`  ${c.file.padEnd(40)} ${kb(c.bytes).padStart(10)} ${kb(c.gzip).padStart(10)}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runWebBundleBench(process.argv.includes('--smoke'));
}
