// The network view's shaping: examples for what an analyst reads, and properties for the rules
// that must hold whatever the rows (edges join nodes, no identifier value without personal
// access, the circuit in posting order).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../model/result.ts';
import { buildNetworkGraph, circuit } from './network-graph.ts';
import type { GraphAdvertRow, GraphInput } from './network-graph.ts';

const network = { id: 'n-1', score: 0.7, level: 'high' as const, size: 3 };

function advert(id: number, postedAt: string | null, town: string | null): GraphAdvertRow {
  return { id, externalId: `ext-${id}`, score: 0.5, level: 'medium', postedAt, town };
}

const base: GraphInput = {
  network,
  adverts: [
    advert(3, '2025-03-03T10:00:00Z', 'Leeds'),
    advert(1, '2025-03-01T10:00:00Z', 'Manchester'),
    advert(2, '2025-03-02T10:00:00Z', 'Manchester'),
  ],
  identifiers: [
    { advertId: 1, type: 'phone', value: '+447700900123' },
    { advertId: 2, type: 'phone', value: '+447700900123' },
    { advertId: 3, type: 'phone', value: '+447700900123' },
    { advertId: 3, type: 'email', value: 'only.one@example.org' },
  ],
  images: [],
  links: [
    {
      from: 1,
      to: 2,
      type: 'text',
      detail: {
        type: 'text',
        similarity: 0.92,
        template: 'hi i am <name> new in <town>',
        differences: [{ slot: 'name', a: 'Anna', b: 'Bella' }],
      },
    },
    { from: 2, to: 3, type: 'image', detail: { type: 'image', distance: 12 } },
    { from: 1, to: 3, type: 'phone', detail: { type: 'phone', value: '+447700900123' } },
  ],
  personal: true,
  truncated: false,
};

describe('buildNetworkGraph', () => {
  it('joins adverts to a shared phone, and to each other by text and photo, with reasons', () => {
    const g = buildNetworkGraph(base);
    const phone = g.nodes.find((n) => n.kind === 'phone');
    expect(phone).toMatchObject({ label: '+447700900123', adverts: 3 });
    // An identifier only one advert carries joins nothing: no node.
    expect(g.nodes.some((n) => n.kind === 'email')).toBe(false);
    expect(g.edges.filter((e) => e.target === phone!.id)).toHaveLength(3);
    const text = g.edges.find((e) => e.type === 'text')!;
    expect(text).toMatchObject({ source: 'a1', target: 'a2' });
    expect(text.reason).toBe('same text (similarity 92%), name Anna → Bella');
    expect(g.edges.find((e) => e.type === 'image')!.reason).toContain('PDQ distance 12');
    // Identifier links between adverts are drawn through the identifier node, not again.
    expect(g.edges.some((e) => e.type === 'phone' && e.source === 'a1' && e.target === 'a3')).toBe(
      false,
    );
  });

  it('orders the timeline and the circuit by posting, with gazetteer centres', () => {
    const g = buildNetworkGraph(base);
    expect(g.timeline.map((t) => t.advertId)).toEqual([1, 2, 3]);
    expect(g.towns.map((t) => [t.name, t.adverts])).toEqual([
      ['Manchester', 2],
      ['Leeds', 1],
    ]);
    expect(g.towns[0]!.lat).toBeCloseTo(53.48, 1);
    expect(g.towns[0]!.last).toBe('2025-03-02T10:00:00Z');
  });

  it('gives the shared template with each slot’s values', () => {
    const g = buildNetworkGraph(base);
    expect(g.template).toEqual({
      text: 'hi i am <name> new in <town>',
      links: 1,
      slots: [{ name: 'name', placeholder: '<name>', values: ['Anna', 'Bella'] }],
    });
  });

  it('without personal access: labels, no values, towns or template', () => {
    const g = buildNetworkGraph({ ...base, personal: false });
    const json = JSON.stringify(g);
    expect(json).not.toContain('+447700900123');
    expect(json).not.toContain('Anna');
    expect(json).not.toContain('Manchester');
    expect(g.nodes.find((n) => n.kind === 'phone')!.label).toBe('phone 1');
    expect(g.edges.find((e) => e.type === 'text')!.reason).toBe(
      'same text (similarity 92%), differing in name',
    );
    expect(g.template).toBeNull();
    expect(g.towns).toEqual([]);
    expect(g.network.personal).toBe(false);
  });

  it('draws identical photos as a photo node and not again as a direct edge', () => {
    const pdq = 'ab'.repeat(32);
    const g = buildNetworkGraph({
      ...base,
      images: [
        { advertId: 1, pdq },
        { advertId: 2, pdq: pdq.toUpperCase() },
      ],
      links: [{ from: 1, to: 2, type: 'image', detail: { type: 'image', distance: 0 } }],
    });
    const photo = g.nodes.find((n) => n.kind === 'image')!;
    expect(photo.adverts).toBe(2);
    expect(g.edges.filter((e) => e.type === 'image').map((e) => e.target)).toEqual([
      photo.id,
      photo.id,
    ]);
  });

  it('leaves out links to adverts not shown', () => {
    const g = buildNetworkGraph({
      ...base,
      links: [{ from: 1, to: 99, type: 'text', detail: { similarity: 1 } }],
    });
    expect(g.edges.some((e) => e.type === 'text')).toBe(false);
  });

  it('keeps towns the gazetteer does not know, without coordinates', () => {
    const [t] = circuit([advert(1, null, 'Nowhere-on-Sea')]);
    expect(t).toEqual({
      name: 'Nowhere-on-Sea',
      lat: null,
      lon: null,
      adverts: 1,
      first: null,
      last: null,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const TOWNS = ['Leeds', 'York', 'Bristol', 'Cardiff', 'Glasgow', 'Atlantis'];
const KINDS = ['phone', 'email', 'handle', 'account', 'payer', 'image'];
// Values no label, id or reason could contain by chance.
const secret = fc.stringMatching(/^[0-9a-f]{6}$/).map((s) => `SECRET${s}`);
const day = fc
  .integer({ min: 0, max: 60 })
  .map((d) => new Date(Date.UTC(2025, 0, 1 + d, 12)).toISOString());

const inputs = fc
  .uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 15 })
  .chain((ids) => {
    const id = fc.constantFrom(...ids, 999); // 999: a member the caller may not see
    return fc.record({
      adverts: fc.tuple(
        ...ids.map((i) =>
          fc.record({
            id: fc.constant(i),
            externalId: fc.constant(`ext-${i}`),
            score: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
            level: fc.option(fc.constantFrom(...LEVELS)),
            postedAt: fc.option(day),
            town: fc.option(fc.constantFrom(...TOWNS)),
          }),
        ),
      ),
      identifiers: fc.array(
        fc.record({ advertId: id, type: fc.constantFrom(...KINDS), value: secret }),
        { maxLength: 30 },
      ),
      images: fc.array(fc.record({ advertId: id, pdq: secret }), { maxLength: 10 }),
      links: fc.array(
        fc.record({
          from: id,
          to: id,
          type: fc.constantFrom('image', 'text', 'phone'),
          detail: fc.record({
            distance: fc.integer({ min: 0, max: 31 }),
            similarity: fc.double({ min: 0, max: 1, noNaN: true }),
            template: fc.constantFrom('hi <name>', 'new in <town> today'),
            differences: fc.array(
              fc.record({
                slot: fc.constantFrom('name', 'town', 'phone'),
                a: fc.option(secret),
                b: fc.option(secret),
              }),
              { maxLength: 3 },
            ),
          }),
        }),
        { maxLength: 30 },
      ),
      personal: fc.boolean(),
    });
  })
  .map((r) => ({ ...r, network, truncated: false }) as GraphInput);

describe('buildNetworkGraph properties', () => {
  it('every edge joins two nodes, and node and edge ids are unique', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const g = buildNetworkGraph(input);
        const ids = new Set(g.nodes.map((n) => n.id));
        expect(ids.size).toBe(g.nodes.length);
        expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
        for (const e of g.edges) {
          expect(ids.has(e.source)).toBe(true);
          expect(ids.has(e.target)).toBe(true);
          expect(e.reason).not.toBe('');
        }
      }),
    );
  });

  it('no identifier, photo or slot value appears without personal access', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const json = JSON.stringify(buildNetworkGraph({ ...input, personal: false }));
        expect(json).not.toMatch(/SECRET/);
        for (const t of TOWNS) expect(json).not.toContain(t);
      }),
    );
  });

  it('shows each advert once, and each identifier node is shared by two or more adverts', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const g = buildNetworkGraph(input);
        expect(g.nodes.filter((n) => n.kind === 'advert')).toHaveLength(input.adverts.length);
        for (const n of g.nodes.filter((x) => x.kind !== 'advert')) {
          const degree = g.edges.filter((e) => e.target === n.id).length;
          expect(degree).toBe(n.adverts);
          expect(degree).toBeGreaterThanOrEqual(2);
        }
      }),
    );
  });

  it('orders towns by first posting and the timeline by time, and counts every dated town', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const g = buildNetworkGraph({ ...input, personal: true });
        const firsts = g.towns.map((t) => t.first);
        const dated = firsts.filter((f): f is string => f !== null);
        expect(dated).toEqual([...dated].sort());
        // Undated towns come after every dated one.
        expect(firsts.slice(dated.length).every((f) => f === null)).toBe(true);
        const times = g.timeline.map((t) => t.postedAt);
        expect(times).toEqual([...times].sort());
        const withTown = input.adverts.filter((a) => a.town !== null).length;
        expect(g.towns.reduce((s, t) => s + t.adverts, 0)).toBe(withTown);
      }),
    );
  });
});
