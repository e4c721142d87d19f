import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random.ts';
import type { Random } from '../demo/random.ts';
import { linkTexts, maskSlots, TextLinker } from './text-template.ts';
import type { TextLink, TextMatch } from './text-template.ts';

// Small sketches keep the many linkers these tests build cheap; behaviour is the same.
const SMALL = { sketchBits: 16 } as const;

const ANNA =
  "Hi gentlemen, I'm Anna, 19, just arrived in Leeds. Sweet and playful girl who loves to have fun. " +
  'Long dark hair, slim figure and a lovely smile, always happy to chat before we meet. ' +
  'Incall in a clean private flat near the station. £120 per hour, call 07700 900123. ' +
  'Open every day from late morning until midnight, weekends by appointment only. ' +
  'No withheld numbers, text first please.';
const MARIA =
  "Hi gentlemen, I'm Maria, 21, just arrived in Hull. Sweet and playful girl who loves to have fun. " +
  'Long dark hair, slim figure and a lovely smile, always happy to chat before we meet. ' +
  'Incall in a clean private flat near the station. £150 per hour, call 07700 900456. ' +
  'Open every day from late morning until midnight, weekends by appointment only. ' +
  'No withheld numbers, text first please.';

function pairs(links: readonly TextLink[]): Set<string> {
  return new Set(links.map((l) => `${l.a}|${l.b}`));
}

describe('maskSlots', () => {
  it('replaces names, towns, numbers, prices, phones and emails with placeholders', () => {
    const { masked, tokens } = maskSlots(ANNA + ' Email anna.leeds@mail.example', {
      names: ['Anna'],
      towns: ['Leeds'],
    });
    expect(masked).toBe(
      'hi gentlemen im <name> <num> just arrived in <town> sweet and playful girl who loves to ' +
        'have fun long dark hair slim figure and a lovely smile always happy to chat before we ' +
        'meet incall in a clean private flat near the station <price> call <phone> open every ' +
        'day from late morning until midnight weekends by appointment only no withheld numbers ' +
        'text first please email <email>',
    );
    const slots = tokens.filter((t) => t.slot !== null).map((t) => [t.slot, t.original]);
    expect(slots).toEqual([
      ['name', 'Anna'],
      ['number', '19'],
      ['town', 'Leeds'],
      ['price', '£120 per hour'],
      ['phone', '07700 900123'],
      ['email', 'anna.leeds@mail.example'],
    ]);
  });

  it('masks spelled-out phone numbers and multi-word towns given as slots', () => {
    const { masked } = maskSlots(
      'Lovely Milton Keynes girl, text o seven seven o o nine o o one two three',
      { towns: ['Milton Keynes'] },
    );
    expect(masked).toBe('lovely <town> girl text <phone>');
  });

  it('keeps every token span inside the text, with its original characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string(), (text, name) => {
        const { tokens } = maskSlots(text, { names: [name] });
        for (const t of tokens) {
          expect(t.span[0]).toBeGreaterThanOrEqual(0);
          expect(t.span[1]).toBeLessThanOrEqual(text.length);
          expect(t.span[0]).toBeLessThan(t.span[1]);
          expect(text.slice(t.span[0], t.span[1])).toBe(t.original);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('TextLinker: templates', () => {
  it('links two adverts from one template and reports what changed', () => {
    const linker = new TextLinker(SMALL);
    expect(linker.add('a', ANNA, { names: ['Anna'], towns: ['Leeds'] })).toEqual([]);
    const [m, ...rest] = linker.add('b', MARIA, { names: ['Maria'], towns: ['Hull'] });
    expect(rest).toEqual([]);
    expect(m!.id).toBe('a');
    expect(m!.similarity).toBe(1);
    expect(m!.template).toContain('im <name> <num> just arrived in <town>');
    expect(m!.differences).toEqual([
      { slot: 'name', a: 'Anna', b: 'Maria' },
      { slot: 'town', a: 'Leeds', b: 'Kingston upon Hull' },
      { slot: 'number', a: '19', b: '21' },
      { slot: 'price', a: '£120 per hour', b: '£150 per hour' },
      { slot: 'phone', a: '+447700900123', b: '+447700900456' },
    ]);
  });

  it('reports no difference for a phone written another way', () => {
    const linker = new TextLinker(SMALL);
    linker.add('a', ANNA, { names: ['Anna'] });
    const [m] = linker.add('b', ANNA.replace('07700 900123', '07700-900-123'), { names: ['Anna'] });
    expect(m!.similarity).toBe(1);
    expect(m!.differences).toEqual([]);
  });

  it('still links after a sentence is added or removed, or with typos', () => {
    const edits = [
      MARIA + ' Open late at weekends, ask about overnights.',
      MARIA.replace('Incall in a clean private flat near the station. ', ''),
      MARIA.replace('playful', 'palyful').replace('station', 'staton').replace('please', 'pls'),
    ];
    for (const edited of edits) {
      const linker = new TextLinker(SMALL);
      linker.add('a', ANNA, { names: ['Anna'], towns: ['Leeds'] });
      const matches = linker.add('b', edited, { names: ['Maria'], towns: ['Hull'] });
      expect(matches.map((m) => m.id)).toEqual(['a']);
      expect(matches[0]!.similarity).toBeGreaterThanOrEqual(0.6);
      expect(matches[0]!.similarity).toBeLessThan(1);
    }
  });

  it('links an exact repost with similarity 1, once', () => {
    const linker = new TextLinker(SMALL);
    linker.add('a', ANNA);
    linker.add('b', ANNA);
    const matches = linker.add('c', ANNA);
    expect(matches.map((m) => [m.id, m.similarity])).toEqual([['b', 1]]);
    expect(linker.stats.exactRepeats).toBe(2);
  });

  it('never links short texts, even identical ones', () => {
    const short = 'Discreet and clean, text only please.';
    const linker = new TextLinker(SMALL);
    expect(linker.add('a', short)).toEqual([]);
    expect(linker.add('b', short)).toEqual([]);
    expect(linker.stats.short).toBe(2);
  });

  it('does not link unrelated texts', () => {
    const linker = new TextLinker(SMALL);
    linker.add('a', ANNA);
    const other =
      'Mature Scottish lady offering relaxing massage in my own home, parking outside, ' +
      'genuine reviews available, gentlemen over thirty preferred, see my website for more';
    expect(linker.add('b', other)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// A realistic mix: independents who share stock phrases, and three template families
// ---------------------------------------------------------------------------------------------

const BOILERPLATE = [
  'No withheld numbers.',
  'Discreet and clean.',
  'Text only, I cannot answer calls at work.',
  'GFE available for the right gentleman.',
  'Please be respectful and polite.',
  'No time wasters please.',
  'Genuine pictures, what you see is what you get.',
  'Outcalls to hotels only.',
  'Incalls from my private apartment.',
  'Available most evenings and weekends.',
  'Please book at least an hour ahead.',
  'Hygiene is a must.',
  'I reply to every message, give me a moment.',
  'Rates are not negotiable, please do not haggle.',
  'First timers very welcome.',
  'Free parking nearby.',
  'Please read my profile before messaging.',
  'Looking forward to meeting you.',
  'Kisses and hugs.',
  'Open minded and easy going.',
  'Friendly smile and warm welcome guaranteed.',
  'No drink or drugs, sorry.',
  'Satisfaction is my priority.',
  'Please send a short introduction first.',
  'Deposits are required for outcalls.',
  'Couples welcome by arrangement.',
  'Safe and secure location.',
  'I love what I do.',
  'Respect my boundaries and we will get on great.',
  'Sorry, no bareback, do not ask.',
  'Shower available before and after.',
  'Ask about my special offers.',
  'Gentlemen only please.',
  'Verified profile, real and genuine.',
  'New pictures coming soon.',
  'Short notice bookings sometimes possible.',
  'Dinner dates and overnights available.',
  'Massage available on request.',
  'Please message with your preferred time.',
  'Treat me well and I will treat you better.',
];

const VOCAB = (
  'garden music travel books coffee evening river morning sunshine city cinema dancing painting ' +
  'yoga beach hiking cooking wine stories laughter theatre poetry football history science ' +
  'languages photography fashion cats dogs horses mountains lakes forests markets festivals ' +
  'concerts jazz blues rock piano guitar violin chess puzzles gardening baking running swimming ' +
  'cycling tennis golf sailing fishing camping walking reading writing drawing knitting sewing ' +
  'pottery climbing skating skiing surfing rowing boxing karate pilates meditation astronomy ' +
  'chemistry biology physics maths economics politics philosophy psychology sociology law ' +
  'medicine nursing teaching engineering architecture design marketing finance banking retail'
).split(' ');
const GLUE = 'i love my the a and with in of to for on at after before every weekend'.split(' ');

function ownSentence(rng: Random): string {
  const n = rng.int(6, 10);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.chance(0.4) ? rng.pick(GLUE) : rng.pick(VOCAB));
  const s = words.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

function independentText(rng: Random): string {
  const stock = rng.sample(BOILERPLATE, rng.int(3, 7));
  const own = Array.from({ length: rng.int(3, 5) }, () => ownSentence(rng));
  return rng.shuffle([...stock, ...own]).join(' ');
}

const NAMES = ['Anna', 'Maria', 'Lena', 'Sofia', 'Ioana', 'Kasia', 'Mia', 'Eva', 'Nina', 'Lara'];
const TOWNS = ['Leeds', 'Hull', 'York', 'Derby', 'Luton', 'Bristol', 'Cardiff', 'Reading'];

interface Family {
  readonly sentences: readonly string[];
}

function familyTemplate(rng: Random): Family {
  const stock = rng.sample(BOILERPLATE, 3);
  const own = Array.from({ length: 5 }, () => ownSentence(rng));
  return {
    sentences: [
      'Hello, my name is {name}, {age} years old, new in {town}.',
      ...own.slice(0, 3),
      stock[0]!,
      'Prices from £{price} for one hour.',
      ...own.slice(3),
      ...stock.slice(1),
      'Call me on 07700 900{phone}.',
    ],
  };
}

function familyText(family: Family, rng: Random, name: string, town: string): string {
  // Operators edit a little: sometimes a sentence is dropped.
  const drop = rng.chance(0.3) ? rng.int(1, family.sentences.length - 2) : -1;
  return family.sentences
    .filter((_, i) => i !== drop)
    .join(' ')
    .replace('{name}', name)
    .replace('{age}', String(rng.int(18, 35)))
    .replace('{town}', town)
    .replace('{price}', String(rng.int(8, 20) * 10))
    .replace('{phone}', String(rng.int(100, 999)));
}

interface Item {
  readonly id: string;
  readonly text: string;
  readonly slots: { names: string[]; towns: string[] };
  readonly group: string;
}

function mixedCorpus(seed: number): Item[] {
  const rng = createRandom(seed);
  const items: Item[] = [];
  for (let i = 0; i < 200; i++) {
    const name = rng.pick(NAMES);
    const town = rng.pick(TOWNS);
    items.push({
      id: `ind-${i}`,
      text: `I'm ${name} in ${town}. ${independentText(rng)}`,
      slots: { names: [name], towns: [town] },
      group: `ind-${i}`,
    });
  }
  for (let f = 0; f < 3; f++) {
    const family = familyTemplate(rng);
    for (let i = 0; i < 10; i++) {
      const name = rng.pick(NAMES);
      const town = rng.pick(TOWNS);
      items.push({
        id: `fam${f}-${i}`,
        text: familyText(family, rng, name, town),
        slots: { names: [name], towns: [town] },
        group: `fam${f}`,
      });
    }
  }
  return rng.shuffle(items);
}

function components(ids: readonly string[], links: readonly TextLink[]): Map<string, string> {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const l of links) parent.set(find(l.a), find(l.b));
  return new Map(ids.map((id) => [id, find(id)]));
}

describe('TextLinker: independents sharing boilerplate vs template families', () => {
  for (const seed of [1, 2, 3]) {
    it(`links each family together and nothing else (seed ${seed})`, () => {
      const items = mixedCorpus(seed);
      const group = new Map(items.map((i) => [i.id, i.group]));
      const links = linkTexts(items);
      // Not one link between independents, or between an independent and a family.
      for (const l of links) expect(group.get(l.a)).toBe(group.get(l.b));
      const comp = components(
        items.map((i) => i.id),
        links,
      );
      for (let f = 0; f < 3; f++) {
        const roots = new Set(
          items.filter((i) => i.group === `fam${f}`).map((i) => comp.get(i.id)),
        );
        expect(roots.size).toBe(1);
      }
    });
  }

  it('gives boilerplate little weight: adverts sharing only stock sentences stay far apart', () => {
    const rng = createRandom(9);
    const linker = new TextLinker({ ...SMALL, threshold: 0.3 });
    let links = 0;
    for (let i = 0; i < 200; i++) links += linker.add(`i${i}`, independentText(rng)).length;
    expect(links).toBe(0);
  });
});

describe('TextLinker: limits and determinism', () => {
  it('retires an over-full LSH bucket as boilerplate', () => {
    const linker = new TextLinker({ ...SMALL, bucketCap: 3 });
    const base = ANNA.replace('Anna', 'X');
    for (let i = 0; i < 10; i++)
      linker.add(`a${i}`, `${base} Extra words number ${'x'.repeat(i + 1)}.`);
    expect(linker.stats.saturatedBuckets).toBeGreaterThan(0);
  });

  it('returns the same matches for the same adds in the same order', () => {
    const run = (): unknown =>
      linkTexts(mixedCorpus(5)).map((l) => ({
        ...l,
        template: l.template,
        differences: l.differences,
      }));
    expect(JSON.stringify(run())).toBe(JSON.stringify(run()));
  });

  it('linkTexts returns edges from the earlier to the later advert', () => {
    const links = linkTexts([
      { id: 'a', text: ANNA, slots: { names: ['Anna'] } },
      { id: 'b', text: MARIA, slots: { names: ['Maria'] } },
    ]);
    expect(pairs(links)).toEqual(new Set(['a|b']));
    expect(links[0]!.differences[0]).toEqual({ slot: 'name', a: 'Anna', b: 'Maria' });
  });
});

describe('TextLinker: properties', () => {
  it('never throws and keeps similarity in [0, 1]', () => {
    const linker = new TextLinker(SMALL);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.constantFrom(ANNA, MARIA),
        ),
        fc.array(fc.string(), { maxLength: 2 }),
        (text, names) => {
          for (const m of linker.add('x', text, { names, towns: names })) {
            expect(m.similarity).toBeGreaterThanOrEqual(0);
            expect(m.similarity).toBeLessThanOrEqual(1);
            expect(typeof m.template).toBe('string');
            expect(Array.isArray(m.differences)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is symmetric: adding b then a swaps the differences and keeps the similarity', () => {
    const word = fc.constantFrom(...VOCAB);
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.constantFrom(...NAMES),
        fc.integer({ min: 18, max: 60 }),
        fc.integer({ min: 18, max: 60 }),
        fc.array(word, { maxLength: 6 }),
        (n1, n2, age1, age2, extra) => {
          const a = ANNA.replace('Anna', n1).replace('19', String(age1));
          const b = ANNA.replace('Anna', n2).replace('19', String(age2)) + ' ' + extra.join(' ');
          const ab = new TextLinker(SMALL);
          ab.add('a', a, { names: [n1] });
          const [mab] = ab.add('b', b, { names: [n2] });
          const ba = new TextLinker(SMALL);
          ba.add('b', b, { names: [n2] });
          const [mba] = ba.add('a', a, { names: [n1] });
          expect(mab === undefined).toBe(mba === undefined);
          if (mab === undefined || mba === undefined) return;
          expect(mab.similarity).toBe(mba.similarity);
          const swapped = mba.differences.map((d) => ({ slot: d.slot, a: d.b, b: d.a }));
          expect(mab.differences).toEqual(swapped);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('match objects serialise with their template and differences', () => {
    const linker = new TextLinker(SMALL);
    linker.add('a', ANNA, { names: ['Anna'] });
    const [m] = linker.add('b', MARIA, { names: ['Maria'] });
    const json = JSON.parse(JSON.stringify(m)) as TextMatch;
    expect(json.template).toBe(m!.template);
    expect(json.differences).toEqual(m!.differences);
  });
});
