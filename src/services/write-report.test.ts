import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeRecord } from '../core/linkage/network-summary.ts';
import type { Level } from '../core/model/result.ts';
import type { NetworkRecord } from '../core/screen/screen-network.ts';
import type { ScreenSummary } from '../core/screen/summary.ts';
import { readReportNetworks, writeReport } from './write-report.ts';

const summary: ScreenSummary = {
  catalogueVersion: '1.0.0',
  screened: 3000,
  rejected: 0,
  byLevel: { none: 2900, low: 80, medium: 15, high: 5 },
  byFamily: {},
  byIndicator: {},
  byLanguage: { en: 3000 },
  top: [],
  firstRejected: [],
};

function network(
  i: number,
  level: Level,
  score: number,
  size: number,
  name: string,
): NetworkRecord {
  const id = `net-${String(i).padStart(4, '0')}`;
  const adverts = Array.from({ length: size }, (_, k) => `${id}-ad${k}`);
  const edges: EdgeRecord[] = adverts.slice(1).map((b) => ({
    a: adverts[0] ?? '',
    b,
    type: 'phone',
    value: '+447700900123',
    detail: 'same phone number (+447700900123)',
  }));
  return {
    id,
    adverts,
    score,
    level,
    catalogueVersion: '1.0.0',
    reasons: [],
    summary: {
      adverts: size,
      accounts: [],
      personas: [{ name, age: 25, adverts: size }],
      phones: ['+447700900123'],
      emails: [],
      payers: [],
      handles: [],
      images: [],
      towns: [{ town: 'Leeds', adverts: size, first: null, last: null }],
      firstPosted: null,
      lastPosted: null,
      timeline: [],
      links: { phone: edges.length },
      templates: [],
      hubs: [],
    },
    edges,
  };
}

describe('writeReport', () => {
  let dir: string;
  const now = () => new Date('2026-11-28T10:00:00Z');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'beacon-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders a screening folder without a network section', async () => {
    const out = join(dir, 'screen');
    await mkdir(out);
    await writeFile(join(out, 'summary.json'), JSON.stringify({ source: 'in.jsonl', ...summary }));
    const html = await readFile(await writeReport({ dir: out, now }), 'utf8');
    expect(html).toContain('<h2 id="summary-h">Summary</h2>');
    expect(html).not.toContain('id="networks"');
    expect(await readReportNetworks(join(out, 'networks.jsonl'), undefined)).toBeUndefined();
  });

  it('renders the networks of an analysis folder, streaming the file', async () => {
    const out = join(dir, 'analyse');
    await mkdir(out);
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) {
      lines.push(JSON.stringify(network(i, 'low', 1 + (i % 5), 2 + (i % 7), `P${i}`)));
    }
    lines.push(JSON.stringify(network(3000, 'high', 9, 4, '<script>alert(1)</script>')));
    lines.push(JSON.stringify(network(3001, 'none', 0, 90, 'Big')));
    lines.push('{not json', '', '{"id": 1}');
    await writeFile(join(out, 'networks.jsonl'), `${lines.join('\n')}\n`);
    const counts = {
      networks: 2002,
      networkedAdverts: 10000,
      largest: 90,
      byLevel: { none: 1, low: 2000, medium: 0, high: 1 },
      edges: 8000,
      hubs: [{ type: 'phone', value: '+447700900999', adverts: 500, accounts: 80 }],
    };
    await writeFile(
      join(out, 'summary.json'),
      JSON.stringify({ source: 'in.jsonl', ...summary, networks: counts }),
    );

    const nets = await readReportNetworks(join(out, 'networks.jsonl'), counts);
    expect(nets?.largest).toHaveLength(5);
    expect(nets?.largest[0]?.id).toBe('net-3001');
    expect(nets?.highest).toHaveLength(10);
    expect(nets?.highest[0]?.id).toBe('net-3000');
    expect(nets?.unreadable).toBe(2);
    expect(nets?.counts.hubs).toHaveLength(1);

    const html = await readFile(await writeReport({ dir: out, now }), 'utf8');
    expect(html).toContain('<h2 id="networks-h">Networks</h2>');
    expect(html).toContain('<span class="big">2,002</span> networks');
    expect(html).toContain('<code>+447700900999</code>');
    expect(html).toContain('id="network-net-3000"');
    expect(html).toContain('id="network-net-3001"');
    expect(html).toContain('2 lines of networks.jsonl could not be read');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const big = html.slice(html.indexOf('id="network-net-3001"'));
    const svg = big.slice(0, big.indexOf('</svg>'));
    expect(svg.match(/<line /g)).toHaveLength(59);
    expect(big).toContain('Showing the first 60 of 90 adverts');
  });
});
