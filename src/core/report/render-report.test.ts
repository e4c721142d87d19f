import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScreenSummary, TopAdvert } from '../screen/summary.ts';
import type { AdvertResult, Level, Reason } from '../model/result.ts';
import type { EdgeRecord, NetworkSummary } from '../linkage/network-summary.ts';
import type { NetworkRecord } from '../screen/screen-network.ts';
import {
  highlightSpans,
  renderReport,
  type HighlightSpan,
  type ReportIndicator,
  type ReportInput,
} from './render-report.ts';
import { networkPicker, type ReportNetworks } from './report-networks.ts';

// Inverse of the renderer's escaping, for the round-trip checks.
function unescape(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const stripTags = (html: string) => html.replace(/<[^>]*>/g, '');
const plain = (html: string) => unescape(stripTags(html));

const INDICATORS: ReportIndicator[] = [
  {
    id: 'text.trustworthy-provider',
    family: 'text',
    name: 'Trustworthy-provider language',
    description: 'The advert insists that the person or the photos are real.',
    why: 'A tested predictor of trafficking-linked adverts.',
    source: 'Lugo-Graulich et al., Journal of Human Trafficking (2024).',
    grade: 'tested',
    weight: 2,
    biasRisk: false,
  },
  {
    id: 'text.youth-language',
    family: 'text',
    name: 'Language suggesting youth',
    description: 'Words that sell the person as very young.',
    why: 'Can point to a minor advertised as an adult.',
    source: 'Lugo-Graulich et al. (2024); HTI Labs lexicon.',
    grade: 'tested',
    weight: 2,
    biasRisk: false,
  },
  {
    id: 'text.ethnicity-marketing',
    family: 'text',
    name: 'Ethnicity marketing',
    description: 'The advert sells the person by nationality or ethnicity.',
    why: 'Weakly associated; high bias risk.',
    source: 'Practitioner guidance, 2023 edition.',
    grade: 'tested',
    weight: 0.5,
    biasRisk: true,
  },
  {
    id: 'text.movement-language',
    family: 'text',
    name: 'Movement language',
    description: 'Touring words such as "new in town".',
    why: 'Seen more in independent adverts.',
    source: 'Research on independent workers.',
    grade: 'counter-indicator',
    weight: -1,
    biasRisk: false,
  },
  {
    id: 'text.client-screening',
    family: 'text',
    name: 'Client screening',
    description: 'The advertiser asks clients for references.',
    why: 'Tested and not predictive either way.',
    source: 'Research on screening practice.',
    grade: 'not-predictive',
    weight: 0,
    biasRisk: false,
  },
  {
    id: 'account.age-not-verified',
    family: 'account',
    name: 'Age not verified',
    description: 'The site has not verified the advertised person is an adult.',
    why: 'Unverified accounts are where minors are advertised.',
    source: 'Site practice and NCA guidance.',
    grade: 'expert',
    weight: 1.5,
    biasRisk: false,
  },
  {
    id: 'network.contact-many-personas',
    family: 'network',
    name: 'One contact behind many personas',
    description: 'One phone number used by adverts with different names.',
    why: 'A controller advertising several people.',
    source: 'Police casework.',
    grade: 'expert',
    weight: 3,
    biasRisk: false,
  },
];

function reason(indicator: string, weight: number, evidence: Reason['evidence']): Reason {
  const family = indicator.split('.')[0] as Reason['family'];
  return { indicator, family, weight, evidence };
}

function result(id: string, level: AdvertResult['level'], reasons: Reason[]): AdvertResult {
  return {
    id,
    site: 'example-site',
    score: reasons.reduce((s, r) => s + r.weight, 0),
    level,
    networkId: null,
    catalogueVersion: '1.0.0',
    reasons,
  };
}

function summary(top: TopAdvert[], extra: Partial<ScreenSummary> = {}): ScreenSummary {
  return {
    catalogueVersion: '1.0.0',
    screened: 1234,
    rejected: 2,
    byLevel: { none: 1000, low: 200, medium: 31, high: 3 },
    byFamily: { text: 210, account: 40, network: 3 },
    byIndicator: {
      'text.trustworthy-provider': 150,
      'text.movement-language': 90,
      'text.client-screening': 12,
      'account.age-not-verified': 40,
    },
    byLanguage: { en: 1200, ro: 34 },
    top,
    firstRejected: [
      { line: 7, errors: [{ field: 'age', message: 'must be at most 120' }] },
      { line: 9, errors: [{ field: '', message: 'not valid JSON <here>' }] },
    ],
    ...extra,
  };
}

function input(top: TopAdvert[], extra: Partial<ScreenSummary> = {}): ReportInput {
  return {
    title: 'Beacon screening report',
    generatedAt: '2026-11-28T10:15:00Z',
    source: 'adverts.jsonl',
    summary: summary(top, extra),
    indicators: INDICATORS,
  };
}

const title = '100% real pics';
const text = 'Hi gents, I am new in town. Text me.';
const sample: TopAdvert = {
  result: {
    ...result('ad-1', 'medium', [
      reason('text.trustworthy-provider', 2, [
        { kind: 'text', field: 'title', span: [0, 14], excerpt: '100% real pics' },
      ]),
      reason('text.movement-language', -1, [
        { kind: 'text', field: 'text', span: [15, 26], excerpt: 'new in town' },
      ]),
      reason('account.age-not-verified', 1.5, [
        { kind: 'field', field: 'verified.age', value: false },
      ]),
      reason('network.contact-many-personas', 3, [
        {
          kind: 'link',
          linkType: 'shared phone',
          adverts: ['ad-1', 'ad-2', 'ad-3'],
          detail: '+447700900123 used by 3 names',
        },
      ]),
    ]),
    networkId: 'net-1',
  },
  title,
  text,
  name: 'Anna',
  age: 22,
  town: 'Leeds',
};

describe('highlightSpans', () => {
  const h = (t: string, spans: HighlightSpan[]) => highlightSpans(t, spans);

  it('escapes text with no spans', () => {
    expect(h('<b>"a" & \'b\'</b>', [])).toBe('&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;');
  });

  it('handles empty text', () => {
    expect(h('', [{ start: 0, end: 3, label: 'x' }])).toBe('');
  });

  it('highlights spans at the very start and end', () => {
    const out = h('abcdef', [
      { start: 0, end: 2, label: 'A' },
      { start: 4, end: 6, label: 'B' },
    ]);
    expect(out).toBe('<mark title="A">ab</mark>cd<mark title="B">ef</mark>');
  });

  it('highlights the whole text', () => {
    expect(h('abc', [{ start: 0, end: 3, label: 'A', href: '#ind-a' }])).toBe(
      '<mark title="A"><a href="#ind-a">abc</a></mark>',
    );
  });

  it('cuts overlapping spans into flat segments titled with every label', () => {
    const out = h('abcdef', [
      { start: 0, end: 4, label: 'A' },
      { start: 2, end: 6, label: 'B' },
    ]);
    expect(out).toBe(
      '<mark title="A">ab</mark><mark class="multi" title="A; B">cd</mark><mark title="B">ef</mark>',
    );
    expect(out).not.toMatch(/<mark[^>]*>[^<]*<mark/);
  });

  it('merges identical and nested spans of one label', () => {
    const out = h('abcdef', [
      { start: 1, end: 5, label: 'A' },
      { start: 2, end: 3, label: 'A' },
    ]);
    expect(out).toBe('a<mark title="A">bcde</mark>f');
  });

  it('keeps offsets right after astral-plane characters', () => {
    const t = '😀😀 real pics';
    const start = t.indexOf('real');
    const out = h(t, [{ start, end: start + 4, label: 'A' }]);
    expect(out).toBe('😀😀 <mark title="A">real</mark> pics');
  });

  it('never splits a surrogate pair', () => {
    const t = 'a😀b';
    // Offsets 2 falls between the two halves of the emoji.
    const out = h(t, [{ start: 2, end: 4, label: 'A' }]);
    expect(out).toBe('a<mark title="A">😀b</mark>');
    const out2 = h(t, [{ start: 0, end: 2, label: 'A' }]);
    expect(out2).toBe('<mark title="A">a😀</mark>b');
  });

  it('ignores empty, reversed, out-of-range and non-finite spans', () => {
    const out = h('abc', [
      { start: 2, end: 2, label: 'A' },
      { start: 3, end: 1, label: 'B' },
      { start: Number.NaN, end: 2, label: 'C' },
      { start: -5, end: 1, label: 'D' },
      { start: 2, end: 99, label: 'E' },
    ]);
    expect(out).toBe('<mark title="D">a</mark>b<mark title="E">c</mark>');
  });

  it('marks counter-indicator and weight-0 evidence differently from red flags', () => {
    const out = h('abcdef', [
      { start: 0, end: 2, label: 'A', tone: 'counter' },
      { start: 2, end: 4, label: 'B', tone: 'neutral' },
      { start: 4, end: 6, label: 'C', tone: 'positive' },
    ]);
    expect(out).toBe(
      '<mark class="counter" title="A">ab</mark><mark class="neutral" title="B">cd</mark><mark title="C">ef</mark>',
    );
  });

  it('escapes labels and hrefs', () => {
    const out = h('x', [{ start: 0, end: 1, label: '"><script>', href: '"onclick="' }]);
    expect(out).not.toContain('<script>');
    expect(out).toContain('title="&quot;&gt;&lt;script&gt;"');
    expect(out).toContain('href="&quot;onclick=&quot;"');
  });

  it('round-trips any text and any spans, and never throws', () => {
    const span = fc.record({
      start: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constantFrom(Number.NaN, Infinity)),
      end: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constant(-Infinity)),
      label: fc.string({ maxLength: 8 }),
      href: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      tone: fc.option(fc.constantFrom('positive', 'counter', 'neutral' as const), {
        nil: undefined,
      }),
    });
    const anyText = fc.oneof(
      fc.string({ maxLength: 50, unit: 'grapheme' }),
      fc.string({ maxLength: 50, unit: 'binary' }),
      fc.string({ maxLength: 50 }),
      fc.constantFrom('', '<script>alert(1)</script>', '&amp; "quoted" \'x\''),
    );
    fc.assert(
      fc.property(anyText, fc.array(span, { maxLength: 12 }), (t, spans) => {
        const out = highlightSpans(t, spans);
        expect(plain(out)).toBe(t);
        // Tags are balanced and never nested: every <mark> closes before the next opens.
        expect(out.match(/<mark\b/g)?.length ?? 0).toBe(out.match(/<\/mark>/g)?.length ?? 0);
        expect(out).not.toMatch(/<mark\b[^>]*>(?:(?!<\/mark>).)*<mark\b/s);
      }),
      { numRuns: 500 },
    );
  });

  it('never leaves a lone surrogate inside or outside a mark for well-formed text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30, unit: 'grapheme' }),
        fc.array(fc.tuple(fc.nat(40), fc.nat(40)), { maxLength: 6 }),
        (t, pairs) => {
          const out = highlightSpans(
            t,
            pairs.map(([a, b]) => ({ start: a, end: b, label: 'L' })),
          );
          for (const piece of out.split(/<[^>]*>/)) {
            expect(piece).not.toMatch(LONE_SURROGATE);
          }
        },
      ),
    );
  });
});

describe('renderReport', () => {
  const html = renderReport(input([sample]));

  it('is one self-contained English HTML document', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<style>');
    expect(html).toContain('class="skip" href="#main"');
    expect(html).toMatch(/<h1>Beacon screening report<\/h1>/);
    expect(html).toContain('adverts.jsonl');
    expect(html).toContain('2026-11-28T10:15:00Z');
    expect(html).toContain('version 1.0.0');
    expect(html).toMatch(/never proof/);
    expect(html).toMatch(/No single indicator raises an advert above <em>low<\/em>/);
    expect(html).toMatch(
      /Nationality and ethnicity indicators never count as independent evidence/,
    );
  });

  it('references no external resources', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/@import|url\((?!#)/i);
    expect(html).not.toMatch(/<(?:script|link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/base64/);
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^#/);
  });

  it('cites a source URL as text, never as a link or resource', () => {
    const withUrl = renderReport({
      ...input([sample]),
      indicators: INDICATORS.map((i, n) =>
        n === 0 ? { ...i, source: 'Study at https://example.org/paper.pdf' } : i,
      ),
    });
    expect(withUrl).toContain('Study at https://example.org/paper.pdf');
    expect(withUrl).not.toMatch(/(?:href|src)="https?:/);
  });

  it('mentions every level count, with percentages', () => {
    expect(html).toContain('1,234');
    for (const [level, count, pct] of [
      ['None', '1,000', '81%'],
      ['Low', '200', '16.2%'],
      ['Medium', '31', '2.5%'],
      ['High', '3', '0.2%'],
    ] as const) {
      expect(html).toContain(
        `>${level}</span></th><td class="n">${count}</td><td class="n">${pct}</td>`,
      );
      expect(html).toContain(`<title>${level}: ${count} (${pct})</title>`);
    }
  });

  it('shows rejected lines and their field errors, escaped', () => {
    expect(html).toMatch(/2 input lines were rejected/);
    expect(html).toContain('<code>age</code></td><td>must be at most 120');
    expect(html).toContain('not valid JSON &lt;here&gt;');
  });

  it('charts families and indicators, distinguishing counter-indicators and weight 0', () => {
    expect(html).toContain('<title>Advert text: 210 (17%)</title>');
    expect(html).toContain('<title>Images: 0 (0%)</title>');
    expect(html).toMatch(
      /<title>Movement language: 90 \(7\.3%\) \(counter-indicator · weight −1\)<\/title>/,
    );
    expect(html).toMatch(
      /<title>Client screening: 12 \(1%\) \(not predictive · weight 0\)<\/title>/,
    );
    expect(html).toContain('url(#chart-ind-stripes)');
    expect(html).toContain('stroke-dasharray="4 3"');
    // Sorted by count: the most frequent indicator comes first.
    const order = [
      'Trustworthy-provider language: 150',
      'Movement language: 90',
      'Age not verified: 40',
    ];
    const at = order.map((s) => html.indexOf(`<title>${s}`));
    expect(at.every((x) => x > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('shows each top advert with highlights and contributions', () => {
    expect(html).toContain('Advert <span class="id">ad-1</span>');
    expect(html).toContain('<span class="badge lv-medium">Medium</span>');
    expect(html).toContain('score 5.5');
    expect(html).toContain('<dd>Anna</dd>');
    expect(html).toContain('<dd>22</dd>');
    expect(html).toContain('<dd>Leeds</dd>');
    expect(html).toContain(
      '<mark title="Trustworthy-provider language"><a href="#ind-text.trustworthy-provider">100% real pics</a></mark>',
    );
    expect(html).toContain(
      'I am <mark class="counter" title="Movement language"><a href="#ind-text.movement-language">new in town</a></mark>. Text me.',
    );
    expect(html).toContain('<code>verified.age</code> = <code>false</code>');
    expect(html).toContain('shared phone:</span> +447700900123 used by 3 names; 3 linked adverts');
    expect(html).toContain('<td class="n">−1</td>');
    expect(html).toContain('<td class="n">+1.5</td>');
  });

  it('has a catalogue entry for every link to one', () => {
    for (const i of INDICATORS) expect(html).toContain(`id="ind-${i.id}"`);
    for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(html).toContain(`id="${m[1]}"`);
    expect(html).toContain('never independent evidence');
    expect(html).toContain('Why it matters:</strong> A tested predictor');
  });

  it('escapes everything that comes from an advert', () => {
    const evil = '<script>alert("x")</script>';
    const bad: TopAdvert = {
      result: {
        ...result(`id${evil}`, 'high', [
          reason('text.youth-language', 2, [
            { kind: 'text', field: 'text', span: [0, evil.length], excerpt: evil },
          ]),
          reason('account.age-not-verified', 1.5, [
            { kind: 'field', field: `f${evil}`, value: { html: evil } },
          ]),
          reason('network.contact-many-personas', 3, [
            { kind: 'link', linkType: evil, adverts: [evil], detail: evil },
          ]),
          reason('text.unknown<b>', 1, []),
        ]),
        site: evil,
        networkId: evil,
      },
      title: evil,
      text: `${evil} more`,
      name: evil,
      age: null,
      town: evil,
    };
    const out = renderReport({
      ...input([bad], { byLanguage: { [evil]: 1 }, byIndicator: { [evil]: 1 } }),
      source: evil,
      title: evil,
    });
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toContain('<b>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('renders empty text, no top adverts and an empty run', () => {
    const empty: TopAdvert = { ...sample, title: '', text: '', name: null, age: null, town: null };
    expect(renderReport(input([empty]))).toContain('(no text)');
    const none = renderReport(
      input([], {
        screened: 0,
        rejected: 0,
        byLevel: { none: 0, low: 0, medium: 0, high: 0 },
        byFamily: {},
        byIndicator: {},
        byLanguage: {},
        firstRejected: [],
      }),
    );
    expect(none).toContain('No advert scored above zero.');
    expect(none).toContain('No indicator fired.');
    expect(none).toContain('No input lines were rejected.');
  });

  it('highlights evidence after emoji in advert text', () => {
    const t = '💋💋 Fresh 100% real pics 💋';
    const start = t.indexOf('100%');
    const ad: TopAdvert = {
      ...sample,
      text: t,
      title: 'x',
      result: result('ad-e', 'low', [
        reason('text.trustworthy-provider', 2, [
          { kind: 'text', field: 'text', span: [start, start + 14], excerpt: '100% real pics' },
        ]),
      ]),
    };
    expect(renderReport(input([ad]))).toContain(
      '💋💋 Fresh <mark title="Trustworthy-provider language"><a href="#ind-text.trustworthy-provider">100% real pics</a></mark> 💋',
    );
  });
});

describe('renderReport with networks', () => {
  const evil = '<script>alert(1)</script>';

  function record(
    id: string,
    adverts: string[],
    level: Level,
    score: number,
    edges: EdgeRecord[],
    summary: Partial<NetworkSummary> = {},
  ): NetworkRecord {
    return {
      id,
      adverts,
      score,
      level,
      catalogueVersion: '1.0.0',
      reasons:
        score > 0
          ? [
              reason('network.contact-many-personas', 3, [
                {
                  kind: 'link',
                  linkType: 'network.contact-many-personas',
                  adverts,
                  detail: 'one phone number is behind 3 personas',
                },
              ]),
            ]
          : [],
      summary: {
        adverts: adverts.length,
        accounts: ['acct-1', 'acct-2'],
        personas: [
          { name: 'Anna', age: 22, adverts: 2 },
          { name: 'Maria', age: null, adverts: 1 },
        ],
        phones: ['+447700900123'],
        emails: [],
        payers: ['pay-1'],
        handles: [],
        images: [],
        towns: [
          {
            town: 'Leeds',
            adverts: 2,
            first: '2026-01-01T10:00:00Z',
            last: '2026-01-05T10:00:00Z',
          },
          { town: 'York', adverts: 1, first: '2026-01-07T10:00:00Z', last: '2026-01-07T10:00:00Z' },
        ],
        firstPosted: '2026-01-01T10:00:00Z',
        lastPosted: '2026-01-07T10:00:00Z',
        timeline: [],
        links: { phone: 2, text: 1 },
        templates: [{ template: 'hi im <name> new in <town>', links: 1 }],
        hubs: [],
        ...summary,
      },
      edges,
    };
  }

  const edge = (a: string, b: string, type: EdgeRecord['type'], detail: string): EdgeRecord => ({
    a,
    b,
    type,
    value: type === 'text' ? '' : '+447700900123',
    detail,
  });
  const textEdge: EdgeRecord = {
    ...edge('ad-1', 'ad-3', 'text', 'same text (similarity 91%), name Anna → Maria'),
    similarity: 0.91,
    template: 'hi im <name> new in <town>',
    differences: [{ slot: 'name', a: 'Anna', b: 'Maria' }],
  };
  const main = record('net-1', ['ad-1', 'ad-2', 'ad-3'], 'high', 7, [
    edge('ad-1', 'ad-2', 'phone', 'same phone number (+447700900123)'),
    edge('ad-1', 'ad-2', 'account', 'same account (acct-1)'),
    textEdge,
  ]);
  const bigOne = record(
    'net-big',
    Array.from({ length: 75 }, (_, i) => `big-${i}`),
    'none',
    0,
    Array.from({ length: 74 }, (_, i) =>
      edge('big-0', `big-${i + 1}`, 'image', 'same photo (identical PDQ hash)'),
    ),
  );
  const nasty = record(
    'net-<b>x</b>',
    ['ad-7', 'ad-8'],
    'medium',
    4,
    [edge('ad-7', 'ad-8', 'email', `same email (${evil})`)],
    {
      personas: [{ name: evil, age: 30, adverts: 2 }],
      towns: [{ town: evil, adverts: 2, first: null, last: null }],
      templates: [{ template: `${evil} <name>`, links: 1 }],
    },
  );

  function networks(records: NetworkRecord[]): ReportNetworks {
    const p = networkPicker({ largest: 5, highest: 10 });
    for (const r of records) p.add(r);
    return p.result();
  }

  const nets = networks([main, bigOne, nasty]);
  const html = renderReport({ ...input([sample]), networks: nets });
  const card = (id: string) => {
    const start = html.indexOf(`<article class="network" id="network-${id}"`);
    return html.slice(start, html.indexOf('</article>', start));
  };

  it('adds a Networks section with the counts and a card for each network shown', () => {
    expect(html).toContain('<li><a href="#networks">Networks</a></li>');
    expect(html).toContain('<h2 id="networks-h">Networks</h2>');
    expect(html).toContain('<span class="big">3</span> networks');
    expect(html).toContain('<span class="big">80</span> adverts in networks');
    expect(html).toContain('<span class="big">75</span> adverts in the largest');
    for (const id of ['net-1', 'net-big', 'net-&lt;b&gt;x&lt;/b&gt;']) {
      expect(html.split(`<article class="network" id="network-${id}"`)).toHaveLength(2);
    }
    // Largest first; the unscored network is not among the highest-scoring.
    const largest = html.slice(
      html.indexOf('id="networks-largest"'),
      html.indexOf('id="networks-highest"'),
    );
    expect(largest.indexOf('net-big')).toBeLessThan(largest.indexOf('net-1'));
    const highest = html.slice(html.indexOf('id="networks-highest"'), html.indexOf('id="top"'));
    expect(highest).not.toContain('>net-big<');
    expect(highest.indexOf('>net-1<')).toBeLessThan(highest.indexOf('>net-&lt;b&gt;x&lt;/b&gt;<'));
  });

  it('shows reasons, personas, the circuit, counts and the shared template', () => {
    const c = card('net-1');
    expect(c).toContain('<span class="badge lv-high">High</span>');
    expect(c).toContain('score 7 · 3 adverts');
    expect(c).toContain('One contact behind many personas');
    expect(c).toContain('one phone number is behind 3 personas');
    expect(c).toContain('<td>Anna</td><td class="n">22</td><td class="n">2</td>');
    expect(c).toContain('<td>Maria</td><td class="n">—</td>');
    expect(c).toMatch(/<strong>Leeds<\/strong>.*2026-01-01 to 2026-01-05.*<strong>York<\/strong>/);
    expect(c).toContain('<dt>Phones</dt><dd>1</dd>');
    expect(c).toContain('<dt>Payers</dt><dd>1</dd>');
    expect(c).toContain('<dt>Accounts</dt><dd>2</dd>');
    expect(c).toContain(
      'hi im <span class="slot">&lt;name&gt;</span> new in <span class="slot">&lt;town&gt;</span>',
    );
    expect(c).toContain('name <q>Anna</q> → <q>Maria</q>');
  });

  it('draws one line per edge, each with its reason, and a legend', () => {
    const c = card('net-1');
    const svg = c.slice(
      c.indexOf('<svg class="network"'),
      c.indexOf('</svg>', c.indexOf('<svg class="network"')),
    );
    expect(svg.match(/<line /g)).toHaveLength(3);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('<title>ad-1 – ad-2: same phone number (+447700900123)</title>');
    expect(svg).toContain('stroke="#d55e00"');
    expect(c).toContain('same phone (1)');
    expect(c).toContain('same text template (1)');
    // Parallel edges between the same two adverts do not sit on top of each other.
    const lines = [...svg.matchAll(/<line x1="([^"]+)" y1="([^"]+)"/g)].map(
      (m) => `${m[1]},${m[2]}`,
    );
    expect(new Set(lines).size).toBe(3);
  });

  it('caps the graph at 60 adverts and says so', () => {
    const c = card('net-big');
    const svg = c.slice(
      c.indexOf('<svg class="network"'),
      c.indexOf('</svg>', c.indexOf('<svg class="network"')),
    );
    expect(svg.match(/<circle /g)).toHaveLength(60);
    expect(svg.match(/<line /g)).toHaveLength(59);
    expect(c).toContain('Showing the first 60 of 75 adverts');
  });

  it('links a top advert to its network card, and its dot to the advert', () => {
    expect(html).toContain('<dt>Network</dt><dd><a href="#network-net-1">net-1</a></dd>');
    expect(card('net-1')).toContain('<a href="#adv-1"><circle ');
    const elsewhere = renderReport({
      ...input([{ ...sample, result: { ...sample.result, networkId: 'net-gone' } }]),
      networks: nets,
    });
    expect(elsewhere).toContain('<dt>Network</dt><dd>net-gone</dd>');
  });

  it('escapes everything that comes from the networks file', () => {
    const c = card('net-&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>x');
    expect(c).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(c).toContain('<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>');
    expect(c).toContain(
      '<title>ad-7 – ad-8: same email (&lt;script&gt;alert(1)&lt;/script&gt;)</title>',
    );
    expect(c).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; <span class="slot">&lt;name&gt;</span>',
    );
  });

  it('stays self-contained, with an anchor for every link', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<(?:script|link|img|iframe|object|embed)\b/i);
    for (const m of html.matchAll(/href="([^"]*)"/g)) {
      expect(m[1]).toMatch(/^#/);
      expect(html).toContain(`id="${m[1]?.slice(1) ?? ''}"`);
    }
  });

  it('renders a screening run (no networks) without a network section', () => {
    const plainReport = renderReport(input([sample]));
    expect(plainReport).not.toContain('id="networks"');
    expect(plainReport).not.toContain('href="#networks"');
    expect(plainReport).not.toContain('<svg class="network"');
    expect(plainReport).toContain('<dt>Network</dt><dd>net-1</dd>');
  });

  it('says when no network was found or none scored', () => {
    const none = renderReport({ ...input([]), networks: networks([]) });
    expect(none).toContain('No network was found.');
    expect(none).toContain('No network scored above zero.');
  });
});
