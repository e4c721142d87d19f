import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AdvertResult } from '../src/core/model/result.ts';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', 'bin', 'beacon.js');

async function beacon(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, CI: 'true' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const lines = (s: string) =>
  s
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

describe('beacon CLI', () => {
  it('prints help for the command and every subcommand', async () => {
    const main = await beacon('--help');
    expect(main.code).toBe(0);
    for (const sub of [
      'analyse',
      'evaluate',
      'pdq',
      'screen',
      'report',
      'demo-data',
      'catalogue',
      'schema',
      'demo',
      'serve',
      'worker',
      'migrate',
      'import',
      'org',
      'user',
      'apikey',
      'audit',
      'backup',
      'restore',
    ]) {
      expect(main.stdout).toContain(sub);
      const help = await beacon(sub, '--help');
      expect(help.code, sub).toBe(0);
      expect(help.stdout).toMatch(/Usage: beacon/);
    }
    expect((await beacon('catalogue', 'check', '--help')).code).toBe(0);
  }, 240_000);

  it('analyses a file end to end: one phone behind three personas makes a network', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'beacon-cli-'));
    const input = join(dir, 'in.jsonl');
    const persona = (id: string, name: string, age: number, town: string) =>
      JSON.stringify({ id, name, age, town, accountId: `acct-${id}`, phones: ['07700 900111'] });
    await writeFile(
      input,
      [
        persona('a1', 'Anna', 21, 'Leeds'),
        persona('a2', 'Maria', 23, 'Hull'),
        persona('a3', 'Lena', 19, 'York'),
        JSON.stringify({ id: 'a4', phones: ['07700 900999'] }),
        '{broken',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    const r = await beacon('analyse', input, '--out', out, '--site', 's');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Screened 4 adverts/);
    expect(r.stdout).toMatch(/Networks: 1 \(3 adverts/);
    const results = lines(await readFile(join(out, 'adverts.jsonl'), 'utf8')) as AdvertResult[];
    expect(results.map((x) => x.networkId)).toEqual(['net-s-a1', 'net-s-a1', 'net-s-a1', null]);
    expect(results[0]!.reasons.map((x) => x.indicator)).toContain('network.contact-many-personas');
    const networks = lines(await readFile(join(out, 'networks.jsonl'), 'utf8')) as {
      id: string;
      adverts: string[];
      edges: { type: string; detail: string }[];
    }[];
    expect(networks).toHaveLength(1);
    expect(networks[0]!.adverts).toEqual(['a1', 'a2', 'a3']);
    expect(networks[0]!.edges.every((e) => e.type === 'phone' || e.type === 'account')).toBe(true);
    expect(networks[0]!.edges[0]!.detail).toBe('same phone number (+447700900111)');
    const report = await beacon('report', out);
    expect(report.code).toBe(0);
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('net-s-a1');
  });

  it('screens a file end to end: results, rejected lines, summary and report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'beacon-cli-'));
    const input = join(dir, 'in.jsonl');
    await writeFile(
      input,
      [
        JSON.stringify({
          id: 'ad-1',
          title: 'New girls, 100% real pics',
          text: 'Sweet young girl just turned 18. Call zero seven seven zero zero nine zero zero one two three.',
          verified: { age: false, identity: false },
        }),
        JSON.stringify({
          id: 'ad-2',
          text: 'Relaxing massage, Leeds. Call 07700 900456.',
          verified: { age: true },
        }),
        '{"id": "ad-3", "age": "old"}',
        '{broken',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    const r = await beacon('screen', input, '--out', out, '--site', 'test-site');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Screened 2 adverts/);
    expect(r.stdout).toMatch(/rejected 2 lines/);
    expect(r.stdout).toMatch(/line 3: age:/);

    const results = lines(await readFile(join(out, 'adverts.jsonl'), 'utf8')) as AdvertResult[];
    expect(results.map((x) => x.id)).toEqual(['ad-1', 'ad-2']);
    const [risky, plain] = results;
    expect(risky).toMatchObject({ site: 'test-site', networkId: null, catalogueVersion: '1.2.0' });
    expect(['medium', 'high']).toContain(risky!.level);
    const ids = risky!.reasons.map((x) => x.indicator);
    expect(ids).toEqual(
      expect.arrayContaining([
        'text.obscured-phone',
        'text.youth-language',
        'account.verification-missing',
      ]),
    );
    expect(risky!.score).toBeCloseTo(
      risky!.reasons.reduce((s, x) => s + x.weight, 0),
      5,
    );
    expect(plain!.level).toBe('none');

    const rejected = lines(await readFile(join(out, 'rejected.jsonl'), 'utf8')) as Array<{
      line: number;
      input: string;
    }>;
    expect(rejected.map((x) => x.line)).toEqual([3, 4]);
    expect(rejected[1]!.input).toBe('{broken');

    const report = await beacon('report', out);
    expect(report.code).toBe(0);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('ad-1');
    expect(html).toContain('<mark');
  });

  it('explains a missing file or results folder with exit code 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'beacon-cli-'));
    const r = await beacon('report', join(dir, 'nothing'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no results in .*summary\.json.*beacon screen/);
    const s = await beacon('screen', join(dir, 'missing.jsonl'), '--out', join(dir, 'o'));
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/missing\.jsonl/);
  });

  it('fails the catalogue check for an invalid catalogue, naming the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'beacon-cli-'));
    const bad = join(dir, 'indicators.yaml');
    await writeFile(
      bad,
      'version: 1.0.0\nreleased: "2026-01-01"\nlevels: {low: 1, medium: 4, high: 7}\nindicators:\n  - id: text.x\n    family: text\n',
    );
    const r = await beacon('catalogue', 'check', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/indicators\.0\.name \(text\.x\)/);
  });

  it('passes the catalogue check for the shipped catalogue', async () => {
    const r = await beacon('catalogue', 'check');
    expect(r.stdout).toMatch(/OK$/m);
    expect(r.code).toBe(0);
  });

  it('evaluates a results folder against ground truth, as text or JSON', async () => {
    const help = await beacon('evaluate', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: beacon evaluate/);
    expect(help.stdout).toContain('--truth <file>');

    const dir = await mkdtemp(join(tmpdir(), 'beacon-cli-'));
    const truth = (id: string, controller: string, kind: string, exploited: boolean) =>
      JSON.stringify({ id, site: 's', controller, kind, exploited, statedNationality: null });
    const result = (id: string, score: number, level: string, networkId: string | null) =>
      JSON.stringify({ id, site: 's', score, level, networkId, reasons: [] });
    await writeFile(
      join(dir, 'truth.jsonl'),
      [
        truth('a', 'net', 'exploitation-network', true),
        truth('b', 'net', 'exploitation-network', true),
        truth('c', 'ind-1', 'independent', false),
      ].join('\n'),
    );
    await mkdir(join(dir, 'out'));
    await writeFile(
      join(dir, 'out', 'adverts.jsonl'),
      [
        result('a', 8, 'high', 'n1'),
        result('b', 6, 'medium', 'n1'),
        result('c', 0, 'none', null),
      ].join('\n'),
    );
    const args = ['evaluate', '--truth', join(dir, 'truth.jsonl'), '--results', join(dir, 'out')];
    const text = await beacon(...args);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('pairwise');
    expect(text.stdout).toMatch(/Evaluated 3 adverts/);
    expect(text.stdout).toMatch(/not evidence of accuracy on real adverts/);
    const json = await beacon(...args, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      evaluated: 3,
      metrics: { networks: { adjustedRand: 1 }, scores: { rocAuc: 1 } },
    });
    const missing = await beacon('evaluate', '--truth', join(dir, 'nope.jsonl'), '--results', dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.jsonl/);
  });
});
