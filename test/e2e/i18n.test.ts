// Every message key the web app uses exists in web/src/i18n/en.json, and the messages hold no
// American spellings we know of: user-facing text is British English and comes from i18next.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../web/src/', import.meta.url));
const messages = JSON.parse(readFileSync(join(SRC, 'i18n', 'en.json'), 'utf8')) as Record<
  string,
  unknown
>;

/** Source files of the app (the network screen carries its own message file). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'network' ? [] : sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** The value at a dotted key, or undefined. */
function lookup(key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node !== null && typeof node === 'object'
          ? (node as Record<string, unknown>)[part]
          : undefined,
      messages,
    );
}

/** A key exists as a string, or as plural forms (`key_one`, `key_other`). */
function exists(key: string): boolean {
  return typeof lookup(key) === 'string' || typeof lookup(`${key}_other`) === 'string';
}

function allStrings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (node !== null && typeof node === 'object') return Object.values(node).flatMap(allStrings);
  return [];
}

describe('web app messages', () => {
  const files = sources(SRC);

  it('finds the app sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('has every key the app uses', () => {
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // t('a.b'), and keys listed in tables as 'a.b' literals next to t(label).
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!exists(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
      for (const m of text.matchAll(/'(shortcuts\.[a-zA-Z0-9_.]+)'/g)) {
        if (!exists(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
      // t(`prefix.${x}`): the prefix must be a group of messages.
      for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) {
        const group = lookup(m[1]!);
        if (group === null || typeof group !== 'object') missing.push(`${file}: ${m[1]}.*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has a message for each level, family, outcome and item status', () => {
    for (const key of [
      ...['none', 'low', 'medium', 'high'].map((l) => `levels.${l}`),
      ...['text', 'image', 'account', 'network'].map((f) => `families.${f}`),
      ...['open', 'claimed', 'awaiting_approval', 'decided', 'withdrawn'].map(
        (s) => `itemStatus.${s}`,
      ),
      ...[
        'no_concern',
        'safety_info',
        'request_verification',
        'suspend',
        'refer_police',
        'refer_ngo',
        'appeal_upheld',
        'appeal_overturned',
      ].map((o) => `outcomes.${o}`),
      ...['final', 'pending_approval', 'approved', 'rejected'].map((s) => `decisionStatus.${s}`),
    ]) {
      expect(exists(key), key).toBe(true);
    }
  });

  it('is written in British English', () => {
    const american =
      /\b(organization|color|behavior|favorite|center|canceled|license\b|catalog\b|analyze|recognize|prioritize)/i;
    const offending = allStrings(messages).filter((s) => american.test(s));
    expect(offending).toEqual([]);
  });
});
