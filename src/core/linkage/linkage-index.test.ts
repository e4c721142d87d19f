import { describe, expect, it } from 'vitest';
import { advertFeatures } from '../model/features.ts';
import { LinkageIndex, type LinkageOptions, type Network } from './linkage-index.ts';
import { countPersonas, memberOf, type NetworkMember } from './member.ts';
import { demoAdverts } from '../../../test/support/demo-adverts.ts';

const SMALL: Partial<LinkageOptions> = { text: { sketchBits: 16 } };

let seq = 0;
function member(fields: Partial<NetworkMember>): NetworkMember {
  seq++;
  return {
    id: `m${seq}`,
    site: 's',
    accountId: `acct-${seq}`,
    payerId: null,
    name: null,
    age: null,
    town: null,
    postedAt: null,
    phones: [],
    emails: [],
    handles: [],
    images: [],
    ...fields,
  };
}

const hash = (seed: number) =>
  Array.from({ length: 8 }, (_, k) => ((seed * 2654435761 + k * 40503) >>> 0).toString(16))
    .map((h) => h.padStart(8, '0'))
    .join('');

/** A hash `bits` bits away from `h` (flips the lowest bits of the last word). */
function flip(h: string, bits: number): string {
  const last = parseInt(h.slice(56), 16) ^ ((1 << bits) - 1);
  return h.slice(0, 56) + (last >>> 0).toString(16).padStart(8, '0');
}

const memberIds = (index: LinkageIndex, n: Network) => n.members.map((i) => index.member(i).id);

describe('LinkageIndex', () => {
  it('links adverts by phone, email, payer, account and handle, with an edge for each reason', () => {
    const index = new LinkageIndex(SMALL);
    const a = member({ phones: ['+447700900111'], payerId: 'pay-1' });
    const b = member({ phones: ['+447700900111'] });
    const c = member({ emails: ['x@example.org'], payerId: 'pay-1' });
    const d = member({ handles: ['instagram:anna'] });
    const e = member({ handles: ['instagram:anna'], accountId: d.accountId });
    const alone = member({ phones: ['+447700900999'] });
    for (const m of [a, b, c, d, e, alone]) index.add(m, '');
    const networks = index.networks();
    expect(networks.map((n) => memberIds(index, n))).toEqual([
      [a.id, b.id, c.id],
      [d.id, e.id],
    ]);
    expect(networks[0]!.edges.map((x) => [x.type, x.value])).toEqual([
      ['phone', '+447700900111'],
      ['payer', 's/pay-1'],
    ]);
    expect(networks[1]!.edges.map((x) => x.type).sort()).toEqual(['account', 'handle']);
    expect(index.networkIdOf(5)).toBeNull();
    expect(index.networkIdOf(1)).toBe(`net-s-${a.id}`);
  });

  it('never links on helpline numbers adverts quote', () => {
    const index = new LinkageIndex(SMALL);
    index.add(member({ phones: ['+448000121700'] }), '');
    const r = index.add(member({ phones: ['+448000121700'] }), '');
    expect(r.edges).toEqual([]);
    expect(r.networkId).toBeNull();
  });

  it('reports a hub instead of merging everyone around it (no giant component)', () => {
    const index = new LinkageIndex({ ...SMALL, hubAccounts: 50 });
    // 500 independents who each quote one booking service's number, plus their own number.
    for (let k = 0; k < 500; k++) {
      const own = `+447700${910000 + k}`;
      index.add(member({ phones: ['+447700900000', own], accountId: `ind-${k}` }), '');
      index.add(member({ phones: [own], accountId: `ind-${k}` }), '');
    }
    const networks = index.networks();
    expect(Math.max(...networks.map((n) => n.members.length))).toBe(2);
    expect(networks).toHaveLength(500);
    const hubs = index.hubs();
    expect(hubs).toEqual([{ type: 'phone', value: '+447700900000', adverts: 500, accounts: 51 }]);
    expect(networks[0]!.hubs.map((h) => h.value)).toEqual(['+447700900000']);
    expect(networks[0]!.edges.every((e) => e.value !== '+447700900000')).toBe(true);
  });

  it('joins on photos only when two different photos are shared (one may be a stock photo)', () => {
    const index = new LinkageIndex(SMALL);
    const stock = hash(1);
    const p = [hash(2), hash(3)];
    index.add(member({ images: [stock, hash(10)] }), '');
    index.add(member({ images: [stock, hash(11)] }), '');
    // Two photos of one pool, one of them re-encoded (a few bits off).
    index.add(member({ images: [p[0]!, p[1]!] }), '');
    index.add(member({ images: [flip(p[0]!, 5), p[1]!] }), '');
    const networks = index.networks();
    expect(networks.map((n) => n.members)).toEqual([[2, 3]]);
    expect(networks[0]!.edges.map((e) => [e.type, e.distance])).toEqual([
      ['image', 5],
      ['image', 0],
    ]);
  });

  it('links templated text across personas and keeps the template', () => {
    const index = new LinkageIndex(SMALL);
    const text = (name: string, age: number, town: string) =>
      `Hello gentlemen, my name is ${name}, I am ${age} and new in ${town}. Sweet, friendly and ` +
      'discreet companion, available for incall and outcall every day from ten in the morning ' +
      'until late at night.';
    index.add(member({ name: 'Anna', age: 21 }), text('Anna', 21, 'Leeds'), {
      names: ['Anna'],
      towns: ['Leeds'],
    });
    const r = index.add(member({ name: 'Maria', age: 23 }), text('Maria', 23, 'Hull'), {
      names: ['Maria'],
      towns: ['Hull'],
    });
    expect(r.edges).toHaveLength(1);
    expect(r.edges[0]!.type).toBe('text');
    const explained = index.explainText(r.edges[0]!)!;
    expect(explained.template).toContain('<name>');
    expect(explained.differences).toEqual([
      { slot: 'name', a: 'Anna', b: 'Maria' },
      { slot: 'town', a: 'Leeds', b: 'Kingston upon Hull' },
      { slot: 'age', a: '21', b: '23' },
    ]);
  });

  it('gives the same networks in a batch and one at a time across a save and restore', () => {
    const items = demoAdverts(1500, 3, 20).map((advert) => {
      const f = advertFeatures(advert);
      return {
        m: memberOf(f),
        text: f.text,
        slots: { names: f.advert.name ? [f.advert.name] : [] },
      };
    });
    const batch = new LinkageIndex(SMALL);
    for (const it of items) batch.add(it.m, it.text, it.slots);

    let incremental = new LinkageIndex(SMALL);
    const ids: (string | null)[] = [];
    items.forEach((it, k) => {
      if (k % 400 === 399) {
        // A restart: save and restore half-way, as a server would.
        incremental = LinkageIndex.restore(structuredClone(incremental.snapshot()));
      }
      ids.push(incremental.add(it.m, it.text, it.slots).networkId);
    });
    const shape = (index: LinkageIndex) =>
      index.networks().map((n) => ({ id: n.id, members: n.members, edges: n.edges.length }));
    expect(shape(incremental)).toEqual(shape(batch));
    expect(batch.networks().length).toBeGreaterThan(10);
    // Text links explain themselves the same way after a restore (the vocabulary is saved too).
    const explained = (index: LinkageIndex) =>
      index
        .allEdges()
        .filter((e) => e.type === 'text')
        .map((e) => index.explainText(e));
    expect(explained(incremental)).toEqual(explained(batch));
    expect(explained(batch).some((x) => x !== null && x.template.includes('<name>'))).toBe(true);
    // The id an advert got when added is its network's id at the end, unless its network later
    // merged into an older one.
    const finalIds = items.map((_, k) => batch.networkIdOf(k));
    const same = ids.filter((id, k) => id === null || id === finalIds[k]).length;
    expect(same / ids.length).toBeGreaterThan(0.9);
  });

  it('returns the network of one advert without scanning the others', () => {
    const index = new LinkageIndex(SMALL);
    index.add(member({ phones: ['+447700900001'] }), '');
    index.add(member({ phones: ['+447700900002'] }), '');
    index.add(member({ phones: ['+447700900001'] }), '');
    expect(index.networkOf(2)?.members).toEqual([0, 2]);
    expect(index.networkOf(1)).toBeNull();
  });
});

describe('countPersonas', () => {
  it('counts a name without an age, or an age without a name, as a persona already seen', () => {
    const m = (name: string | null, age: number | null) => member({ name, age });
    expect(countPersonas([m('Anna', 21), m('Anna', null), m(null, 21), m('anna', 21)])).toBe(1);
    expect(countPersonas([m('Anna', 21), m('Maria', 21), m(null, 30)])).toBe(3);
    expect(countPersonas([m(null, null)])).toBe(0);
  });
});
