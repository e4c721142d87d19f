import { describe, expect, it } from 'vitest';
import type { EdgeRecord, NetworkSummary } from '../linkage/network-summary.ts';
import type { Level } from '../model/result.ts';
import type { NetworkRecord } from '../screen/screen-network.ts';
import {
  MAX_DRAWN_ADVERTS,
  MAX_DRAWN_EDGES,
  isNetworkRecord,
  networkCountsOf,
  networkForReport,
  networkPicker,
} from './report-networks.ts';

function net(id: string, size: number, level: Level, score: number, edges: EdgeRecord[] = []) {
  const adverts = Array.from({ length: size }, (_, i) => `${id}-ad${i}`);
  const summary: NetworkSummary = {
    adverts: size,
    accounts: ['acct'],
    personas: [{ name: 'Anna', age: 22, adverts: size }],
    phones: ['+447700900123'],
    emails: [],
    payers: [],
    handles: [],
    images: [],
    towns: [{ town: 'Leeds', adverts: size, first: '2026-01-01T00:00:00Z', last: null }],
    firstPosted: '2026-01-01T00:00:00Z',
    lastPosted: null,
    timeline: [],
    links: { phone: edges.length },
    templates: [],
    hubs: [],
  };
  const record: NetworkRecord = {
    id,
    adverts,
    score,
    level,
    catalogueVersion: '1.0.0',
    reasons: [],
    summary,
    edges,
  };
  return record;
}

const phone = (a: string, b: string): EdgeRecord => ({
  a,
  b,
  type: 'phone',
  value: '+447700900123',
  detail: 'same phone number (+447700900123)',
});

describe('networkPicker', () => {
  const records = [
    net('n-a', 2, 'high', 9),
    net('n-b', 50, 'none', 0),
    net('n-c', 7, 'medium', 4),
    net('n-d', 30, 'low', 1),
    net('n-e', 3, 'high', 12),
    net('n-f', 30, 'medium', 2),
  ];

  it('keeps the largest and the highest-scoring networks, whatever the order', () => {
    for (const order of [records, [...records].reverse()]) {
      const p = networkPicker({ largest: 3, highest: 3 });
      for (const r of order) expect(p.add(r)).toBe(true);
      const out = p.result();
      expect(out.largest.map((n) => n.id)).toEqual(['n-b', 'n-f', 'n-d']);
      expect(out.highest.map((n) => n.id)).toEqual(['n-e', 'n-a', 'n-c']);
      expect(out.counts).toEqual({
        networks: 6,
        networkedAdverts: 122,
        largest: 50,
        byLevel: { none: 1, low: 1, medium: 2, high: 2 },
        edges: 0,
        hubs: [],
      });
    }
  });

  it('stays bounded over many networks and counts lines that are not networks', () => {
    const p = networkPicker({ largest: 5, highest: 10 });
    for (let i = 0; i < 5000; i++)
      p.add(net(`n${String(i).padStart(5, '0')}`, 2 + (i % 97), 'low', i % 13));
    expect(p.add({ id: 3 })).toBe(false);
    expect(p.add(null)).toBe(false);
    expect(p.add('text')).toBe(false);
    const out = p.result();
    expect(out.largest).toHaveLength(5);
    expect(out.highest).toHaveLength(10);
    expect(out.largest.every((n) => n.size === 98)).toBe(true);
    expect(out.highest.every((n) => n.score === 12)).toBe(true);
    expect(out.unreadable).toBe(3);
    expect(out.counts.networks).toBe(5000);
  });
});

describe('networkForReport', () => {
  it('keeps the first adverts and only the edges between them, capped', () => {
    const big = net('big', 200, 'high', 5);
    const edges = [
      ...big.adverts.slice(1).map((b) => phone(big.adverts[0] ?? '', b)),
      ...Array.from({ length: MAX_DRAWN_EDGES }, () =>
        phone(big.adverts[1] ?? '', big.adverts[2] ?? ''),
      ),
    ];
    const view = networkForReport({ ...big, edges });
    expect(view.size).toBe(200);
    expect(view.shown).toEqual(big.adverts.slice(0, MAX_DRAWN_ADVERTS));
    expect(view.edgeTotal).toBe(edges.length);
    expect(view.edgesAmongShown).toBe(MAX_DRAWN_ADVERTS - 1 + MAX_DRAWN_EDGES);
    expect(view.edges).toHaveLength(MAX_DRAWN_EDGES);
    const shown = new Set(view.shown);
    expect(view.edges.every((e) => shown.has(e.a) && shown.has(e.b))).toBe(true);
  });

  it('lists each template with distinct differing slots from the text edges', () => {
    const r = net('t', 4, 'medium', 3);
    const template = 'hi im <name> in <town>';
    const text = (a: string, b: string, x: string, y: string): EdgeRecord => ({
      a,
      b,
      type: 'text',
      value: '',
      detail: `same text, name ${x} → ${y}`,
      similarity: 0.9,
      template,
      differences: [{ slot: 'name', a: x, b: y }],
    });
    const view = networkForReport({
      ...r,
      summary: { ...r.summary, templates: [{ template, links: 3 }] },
      edges: [
        text('t-ad0', 't-ad1', 'Anna', 'Maria'),
        text('t-ad1', 't-ad2', 'Anna', 'Maria'),
        text('t-ad2', 't-ad3', 'Maria', 'Eva'),
      ],
    });
    expect(view.templates).toEqual([
      {
        template,
        links: 3,
        differences: [
          { slot: 'name', a: 'Anna', b: 'Maria' },
          { slot: 'name', a: 'Maria', b: 'Eva' },
        ],
      },
    ]);
    // Drawn edges do not carry the template again.
    expect(view.edges.every((e) => e.template === undefined)).toBe(true);
  });

  it('reads a record with missing summary lists', () => {
    const r = { ...net('m', 2, 'low', 1), summary: { adverts: 2 } as unknown as NetworkSummary };
    expect(isNetworkRecord(r)).toBe(true);
    const view = networkForReport(r);
    expect(view.summary.personas).toEqual([]);
    expect(view.summary.towns).toEqual([]);
    expect(view.templates).toEqual([]);
  });
});

describe('networkCountsOf', () => {
  it('reads the counts of an analysis summary and nothing else', () => {
    expect(networkCountsOf(undefined)).toBeNull();
    expect(networkCountsOf({ networks: 'x' })).toBeNull();
    expect(
      networkCountsOf({
        networks: 3,
        networkedAdverts: 9,
        largest: 5,
        byLevel: { high: 1 },
        edges: 12,
        hubs: [{ type: 'phone', value: '+447700900000', adverts: 400, accounts: 60 }],
      }),
    ).toEqual({
      networks: 3,
      networkedAdverts: 9,
      largest: 5,
      byLevel: { none: 0, low: 0, medium: 0, high: 1 },
      edges: 12,
      hubs: [{ type: 'phone', value: '+447700900000', adverts: 400, accounts: 60 }],
    });
  });
});
