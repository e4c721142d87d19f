import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAdvertFile, type InputItem } from './advert-file.ts';

async function readAll(content: string, name: string, site?: string): Promise<InputItem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'beacon-io-'));
  const path = join(dir, name);
  await writeFile(path, content);
  const items: InputItem[] = [];
  for await (const batch of readAdvertFile(path, { defaultSite: site })) items.push(...batch);
  return items;
}

describe('readAdvertFile (JSON Lines)', () => {
  it('reads good lines, reports bad ones by line number, and carries on', async () => {
    const items = await readAll(
      [
        '{"id":"a1","text":"hello"}',
        '',
        '{"id":"a2","age":"twenty"}',
        'not json',
        '{"id":"a3"}\r',
        '{"id":"a4"}',
      ].join('\n'),
      'in.jsonl',
      'site-x',
    );
    expect(items.map((i) => [i.line, i.parsed.ok])).toEqual([
      [1, true],
      [3, false],
      [4, false],
      [5, true],
      [6, true],
    ]);
    const bad = items[1]!;
    expect(bad.raw).toBe('{"id":"a2","age":"twenty"}');
    if (!bad.parsed.ok) expect(bad.parsed.errors[0]!.field).toBe('age');
    if (items[0]!.parsed.ok) expect(items[0]!.parsed.advert.site).toBe('site-x');
  });

  it('reads lines that straddle read chunks', async () => {
    const long = 'x'.repeat(3 << 20);
    const items = await readAll(`{"id":"a1","text":"${long}"}\n{"id":"a2"}`, 'big.jsonl');
    expect(items.map((i) => i.parsed.ok)).toEqual([false, true]); // text over 100,000 chars
    expect(items[0]!.line).toBe(1);
    const second = await readAll(
      `{"id":"a1","text":"${'y'.repeat(90_000)}"}\n`.repeat(30),
      'many.jsonl',
    );
    expect(second).toHaveLength(30);
    expect(second.every((i) => i.parsed.ok)).toBe(true);
  });

  it('decodes characters split between read chunks intact', async () => {
    // Lines of 2-, 3- and 4-byte characters, so chunk edges fall inside some of them.
    const lines = Array.from(
      { length: 400 },
      (_, k) => `{"id":"a${k}","text":"${'é€😀'.repeat(100 + (k % 7))} ０７７００ ９００１２３"}`,
    );
    const items = await readAll(lines.join('\r\n') + '\r\n', 'utf8.jsonl');
    expect(items.map((i) => i.raw)).toEqual(lines);
    expect(items.every((i) => i.parsed.ok)).toBe(true);
    expect(items.at(-1)!.line).toBe(400);
  });
});

describe('readAdvertFile (CSV)', () => {
  it('maps columns to format v1 and reports bad rows', async () => {
    const csv = [
      '\uFEFFid,age,phones,verified.age,text',
      'a1,23,07700 900123;07700 900124,true,"Hello, with a comma"',
      'a2,old,,false,bad age',
      'a3,,,,"multi',
      'line text"',
      'a4,30,,,last',
    ].join('\r\n');
    const items = await readAll(csv, 'in.csv');
    expect(items.map((i) => [i.line, i.parsed.ok])).toEqual([
      [2, true],
      [3, false],
      [4, true],
      [6, true],
    ]);
    const first = items[0]!.parsed;
    expect(first.ok && first.advert).toMatchObject({
      id: 'a1',
      age: 23,
      phones: ['07700 900123', '07700 900124'],
      verified: { age: true },
      text: 'Hello, with a comma',
    });
    const third = items[2]!.parsed;
    expect(third.ok && third.advert.text).toBe('multi\r\nline text');
  });

  it('reports a file broken by an unclosed quote instead of throwing', async () => {
    const items = await readAll('id,text\na1,ok\na2,"never closed\n', 'broken.csv');
    expect(items[0]!.parsed.ok).toBe(true);
    const last = items[items.length - 1]!.parsed;
    expect(last.ok).toBe(false);
    if (!last.ok) expect(last.errors[0]!.message).toMatch(/CSV could not be read/);
  });
});
