import type { IndicatorSpec } from '../catalogue/catalogue-schema.ts';
import type { EdgeRecord } from '../linkage/network-summary.ts';
import type { RejectedLine, ScreenSummary, TopAdvert } from '../screen/summary.ts';
import {
  FAMILIES,
  LEVELS,
  type Evidence,
  type Family,
  type Level,
  type Reason,
} from '../model/result.ts';
import { forceLayout } from './graph-layout.ts';
import type { ReportNetwork, ReportNetworks } from './report-networks.ts';

/** What the report shows of each catalogue entry. */
export type ReportIndicator = Pick<
  IndicatorSpec,
  'id' | 'family' | 'name' | 'description' | 'why' | 'source' | 'grade' | 'weight' | 'biasRisk'
>;

/** Everything the HTML report needs; the caller supplies the time because core takes no clock. */
export interface ReportInput {
  readonly title: string;
  /** ISO date-time. */
  readonly generatedAt: string;
  /** Input file name. */
  readonly source: string;
  readonly summary: ScreenSummary;
  readonly indicators: readonly ReportIndicator[];
  /** The networks of an analysis run (`beacon analyse`); absent for a screening run. */
  readonly networks?: ReportNetworks | undefined;
}

/** A range of UTF-16 offsets [start, end) to highlight, with the name shown on hover. */
export interface HighlightSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly href?: string;
  /** How the mark is coloured: a counter-indicator or a weight-0 indicator must not look like a red flag. */
  readonly tone?: 'positive' | 'counter' | 'neutral';
}

// ---------------------------------------------------------------- escaping and formatting

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const esc = escapeHtml;

// Own grouping rather than toLocaleString: the output must not depend on the host's locale.
function fmtInt(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function fmtNum(n: number): string {
  const r = Math.round(n * 100) / 100;
  return r < 0 ? `\u2212${String(-r)}` : String(r);
}

function fmtWeight(n: number): string {
  return n > 0 ? `+${fmtNum(n)}` : fmtNum(n);
}

function fmtPct(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  const p = (part / whole) * 100;
  const s = p.toFixed(1);
  return s === '0.0' ? '<0.1%' : `${s.replace(/\.0$/, '')}%`;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}\u2026` : s;
}

// ---------------------------------------------------------------- highlighting

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

// Offsets inside a surrogate pair would split an emoji across two elements and leave lone
// surrogates in the file, which encoders replace with U+FFFD: widen to whole code points.
function clampSpan(text: string, start: number, end: number): [number, number] | null {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  let s = Math.max(0, Math.min(text.length, Math.trunc(start)));
  let e = Math.max(0, Math.min(text.length, Math.trunc(end)));
  if (s > 0 && isLow(text.charCodeAt(s)) && isHigh(text.charCodeAt(s - 1))) s--;
  if (e > 0 && e < text.length && isLow(text.charCodeAt(e)) && isHigh(text.charCodeAt(e - 1))) e++;
  return s < e ? [s, e] : null;
}

/**
 * Escaped HTML of `text` with each span in a <mark>; overlapping spans are cut at every boundary
 * into flat segments (never nested), each titled with every indicator that covers it.
 */
export function highlightSpans(text: string, spans: readonly HighlightSpan[]): string {
  const valid: (HighlightSpan & { start: number; end: number })[] = [];
  for (const s of spans) {
    const r = clampSpan(text, s.start, s.end);
    if (r) valid.push({ ...s, start: r[0], end: r[1], label: String(s.label) });
  }
  if (valid.length === 0) return esc(text);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((s) => [s.start, s.end])])].sort(
    (a, b) => a - b,
  );
  // Each segment's opening tag (or '' when unmarked); equal neighbours are merged into one mark.
  const segments: { from: number; to: number; open: string; close: string }[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] ?? 0;
    const to = cuts[i + 1] ?? text.length;
    const cover = valid.filter((s) => s.start <= from && s.end >= to);
    let open = '';
    let close = '';
    if (cover.length > 0) {
      const labels = [...new Set(cover.map((s) => s.label))];
      const tones = new Set(cover.map((s) => s.tone ?? 'positive'));
      const tone = tones.size === 1 ? [...tones][0] : 'mixed';
      const cls = labels.length > 1 ? 'multi' : tone === 'positive' ? '' : tone;
      const href = cover.find((s) => s.href !== undefined)?.href;
      open =
        `<mark${cls ? ` class="${cls}"` : ''} title="${esc(labels.join('; '))}">` +
        (href === undefined ? '' : `<a href="${esc(href)}">`);
      close = href === undefined ? '</mark>' : '</a></mark>';
    }
    const last = segments[segments.length - 1];
    if (last && last.open === open) last.to = to;
    else segments.push({ from, to, open, close });
  }
  return segments
    .map(({ from, to, open, close }) => `${open}${esc(text.slice(from, to))}${close}`)
    .join('');
}

// ---------------------------------------------------------------- charts

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. Every bar also
// carries a text label and a dark outline, so nothing relies on colour alone.
const LEVEL_COLOURS: Record<Level, string> = {
  none: '#c8c8c8',
  low: '#56b4e9',
  medium: '#e69f00',
  high: '#d55e00',
};
const LEVEL_LABELS: Record<Level, string> = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};
const FAMILY_LABELS: Record<Family, string> = {
  text: 'Advert text',
  image: 'Images',
  account: 'Account',
  network: 'Network',
};
const GRADE_LABELS: Record<string, string> = {
  tested: 'tested',
  expert: 'expert (untested)',
  'counter-indicator': 'counter-indicator',
  'not-predictive': 'not predictive',
};

interface Bar {
  readonly label: string;
  readonly sublabel?: string;
  readonly value: number;
  readonly valueText: string;
  /** solid | counter (striped) | zero (hollow, dashed) */
  readonly style: 'solid' | 'counter' | 'zero';
  readonly fill: string;
}

const ROW = 26;
const ROW2 = 38;
const BAR_W = 330;
// Room for the value text after the longest bar, e.g. "1,234,567 (100%)".
const VALUE_W = 130;
const MAX_LABEL = 50;
// Rough width of a 14px sans-serif character; labels are clipped to MAX_LABEL so this bounds it.
const CHAR_W = 8;

function barChart(id: string, title: string, bars: readonly Bar[]): string {
  const two = bars.some((b) => b.sublabel !== undefined);
  const rowH = two ? ROW2 : ROW;
  const height = bars.length * rowH + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const longest = Math.max(4, ...bars.map((b) => Math.min(MAX_LABEL, b.label.length)));
  const labelW = Math.ceil(longest * CHAR_W) + 12;
  const barX = labelW + 10;
  const width = barX + BAR_W + VALUE_W;
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowH;
    const w = b.value > 0 ? Math.max(2, (b.value / max) * BAR_W) : 0;
    const barY = y + (rowH - 18) / 2;
    const mid = y + rowH / 2;
    const fill =
      b.style === 'counter' ? `url(#${id}-stripes)` : b.style === 'zero' ? '#ffffff' : b.fill;
    const dash = b.style === 'zero' ? ' stroke-dasharray="4 3"' : '';
    const rect =
      w > 0
        ? `<rect x="${barX}" y="${barY}" width="${w.toFixed(1)}" height="18" fill="${fill}" stroke="#333"${dash}/>`
        : `<line x1="${barX}" y1="${barY}" x2="${barX}" y2="${barY + 18}" stroke="#333"/>`;
    const label = two
      ? `<text x="${labelW}" y="${mid - 3}" text-anchor="end" class="l">${esc(clip(b.label, MAX_LABEL))}</text>` +
        `<text x="${labelW}" y="${mid + 12}" text-anchor="end" class="s">${esc(b.sublabel ?? '')}</text>`
      : `<text x="${labelW}" y="${mid + 5}" text-anchor="end" class="l">${esc(clip(b.label, MAX_LABEL))}</text>`;
    const value = `<text x="${(barX + w + 6).toFixed(1)}" y="${mid + 5}" class="v">${esc(b.valueText)}</text>`;
    return `<g><title>${esc(`${b.label}: ${b.valueText}${b.sublabel ? ` (${b.sublabel})` : ''}`)}</title>${label}${rect}${value}</g>`;
  });
  const defs =
    `<defs><pattern id="${id}-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="#009e73"/></pattern></defs>`;
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t">` +
    `<title id="${id}-t">${esc(title)}</title>${bars.some((b) => b.style === 'counter') ? defs : ''}${rows.join('')}</svg>`
  );
}

// ---------------------------------------------------------------- page sections

function levelBadge(level: Level): string {
  // Escaped although typed: the summary may come from a results file on disk.
  return `<span class="badge lv-${esc(level)}">${esc(LEVEL_LABELS[level] ?? level)}</span>`;
}

function header(input: ReportInput): string {
  const s = input.summary;
  const networks = input.networks ? '<li><a href="#networks">Networks</a></li>' : '';
  return `<header>
<h1>${esc(input.title)}</h1>
<dl class="meta">
<div><dt>Input file</dt><dd>${esc(input.source)}</dd></div>
<div><dt>Generated</dt><dd><time datetime="${esc(input.generatedAt)}">${esc(input.generatedAt)}</time></dd></div>
<div><dt>Indicator catalogue</dt><dd>version ${esc(s.catalogueVersion)}</dd></div>
</dl>
<div class="note" role="note">
<p><strong>How to read this report.</strong> Scores are recommendations for human review, never proof of exploitation. Most adverts by consenting adults show at least one indicator.</p>
<ul>
<li>No single indicator raises an advert above <em>low</em>: <em>medium</em> and <em>high</em> also need independent evidence (two positive indicators from two families, or one network-level indicator).</li>
<li>Nationality and ethnicity indicators never count as independent evidence.</li>
<li>Counter-indicators lower a score. Indicators graded <em>not predictive</em> carry weight 0; they are shown so you can see they were considered.</li>
</ul>
<p>This report contains advert text. Handle it under your organisation's data-protection policy.</p>
</div>
<nav aria-label="Contents"><ul class="toc">
<li><a href="#summary">Summary</a></li><li><a href="#families">By family</a></li><li><a href="#indicators">By indicator</a></li>${networks}<li><a href="#top">Highest-scoring adverts</a></li><li><a href="#catalogue">Indicator catalogue</a></li>
</ul></nav>
</header>`;
}

function rejectedBlock(rejected: number, first: readonly RejectedLine[]): string {
  if (rejected === 0) return '<p>No input lines were rejected.</p>';
  const rows = first.flatMap((r) => {
    const errors = r.errors.length > 0 ? r.errors : [{ field: '', message: '(no detail)' }];
    return errors.map(
      (e, i) =>
        `<tr>${i === 0 ? `<td rowspan="${errors.length}">${fmtInt(r.line)}</td>` : ''}<td>${e.field ? `<code>${esc(e.field)}</code>` : '(whole record)'}</td><td>${esc(e.message)}</td></tr>`,
    );
  });
  const table =
    first.length > 0
      ? `<div class="scroll"><table><caption>First ${fmtInt(first.length)} rejected line${first.length === 1 ? '' : 's'}${first.length < rejected ? ` of ${fmtInt(rejected)} (all are in rejected.jsonl)` : ''}</caption>
<thead><tr><th scope="col">Line</th><th scope="col">Field</th><th scope="col">Problem</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
      : '';
  return `<p>${fmtInt(rejected)} input line${rejected === 1 ? ' was' : 's were'} rejected and not screened.</p>${table}`;
}

function summarySection(s: ScreenSummary): string {
  const total = s.screened;
  const bars: Bar[] = LEVELS.map((l) => ({
    label: LEVEL_LABELS[l],
    value: s.byLevel[l] ?? 0,
    valueText: `${fmtInt(s.byLevel[l] ?? 0)} (${fmtPct(s.byLevel[l] ?? 0, total)})`,
    style: 'solid',
    fill: LEVEL_COLOURS[l],
  }));
  const rows = LEVELS.map(
    (l) =>
      `<tr><th scope="row">${levelBadge(l)}</th><td class="n">${fmtInt(s.byLevel[l] ?? 0)}</td><td class="n">${fmtPct(s.byLevel[l] ?? 0, total)}</td></tr>`,
  ).join('');
  const langs = Object.entries(s.byLanguage).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  const langText =
    langs.length > 0
      ? `<p class="muted">Languages detected: ${langs
          .slice(0, 12)
          .map(([code, n]) => `${esc(code)} ${fmtInt(n)}`)
          .join(', ')}${langs.length > 12 ? ', …' : ''}.</p>`
      : '';
  return `<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<div class="cards">
<p class="card"><span class="big">${fmtInt(s.screened)}</span> adverts screened</p>
<p class="card"><span class="big">${fmtInt(s.rejected)}</span> lines rejected</p>
<p class="card"><span class="big">${fmtInt((s.byLevel.medium ?? 0) + (s.byLevel.high ?? 0))}</span> medium or high</p>
</div>
<h3>Adverts by level</h3>
<div class="pair">
<figure>${barChart('chart-level', `Adverts by level, of ${fmtInt(total)} screened`, bars)}<figcaption>Share of screened adverts at each level.</figcaption></figure>
<div class="scroll"><table class="levels"><caption>Adverts by level</caption>
<thead><tr><th scope="col">Level</th><th scope="col">Adverts</th><th scope="col">Share</th></tr></thead>
<tbody>${rows}</tbody><tfoot><tr><th scope="row">Total</th><td class="n">${fmtInt(total)}</td><td class="n">${total > 0 ? '100%' : '0%'}</td></tr></tfoot></table></div>
</div>
${langText}
<h3>Rejected lines</h3>
${rejectedBlock(s.rejected, s.firstRejected)}
</section>`;
}

function familySection(s: ScreenSummary): string {
  const bars: Bar[] = FAMILIES.map((f) => ({
    label: FAMILY_LABELS[f],
    value: s.byFamily[f] ?? 0,
    valueText: `${fmtInt(s.byFamily[f] ?? 0)} (${fmtPct(s.byFamily[f] ?? 0, s.screened)})`,
    style: 'solid',
    fill: '#0072b2',
  }));
  const rows = FAMILIES.map(
    (f) =>
      `<tr><th scope="row">${FAMILY_LABELS[f]}</th><td class="n">${fmtInt(s.byFamily[f] ?? 0)}</td><td class="n">${fmtPct(s.byFamily[f] ?? 0, s.screened)}</td></tr>`,
  ).join('');
  return `<section id="families" aria-labelledby="families-h">
<h2 id="families-h">Indicators by family</h2>
<p>Adverts with at least one positive indicator from each family. An advert can count in several families.</p>
<figure>${barChart('chart-family', 'Adverts with at least one positive indicator, by family', bars)}</figure>
<details><summary>Show these numbers as a table</summary><div class="scroll"><table><caption>Adverts with at least one positive indicator, by family</caption>
<thead><tr><th scope="col">Family</th><th scope="col">Adverts</th><th scope="col">Share of screened</th></tr></thead><tbody>${rows}</tbody></table></div></details>
</section>`;
}

function indicatorStyle(ind: ReportIndicator | undefined): Bar['style'] {
  if (!ind) return 'solid';
  if (ind.grade === 'counter-indicator' || ind.weight < 0) return 'counter';
  if (ind.grade === 'not-predictive' || ind.weight === 0) return 'zero';
  return 'solid';
}

function indicatorSection(s: ScreenSummary, byId: ReadonlyMap<string, ReportIndicator>): string {
  const fired = Object.entries(s.byIndicator)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const quiet = [...byId.values()].filter((i) => (s.byIndicator[i.id] ?? 0) <= 0);
  const bars: Bar[] = fired.map(([id, n]) => {
    const ind = byId.get(id);
    return {
      label: ind?.name ?? id,
      sublabel: ind
        ? `${GRADE_LABELS[ind.grade] ?? ind.grade} · weight ${fmtWeight(ind.weight)}${ind.biasRisk ? ' · bias risk' : ''}`
        : 'not in this catalogue',
      value: n,
      valueText: `${fmtInt(n)} (${fmtPct(n, s.screened)})`,
      style: indicatorStyle(ind),
      fill: '#0072b2',
    };
  });
  const rows = fired
    .map(([id, n]) => {
      const ind = byId.get(id);
      const cls = indicatorStyle(ind);
      return `<tr class="${cls}"><th scope="row">${indicatorLink(id, byId)}</th><td>${ind ? esc(GRADE_LABELS[ind.grade] ?? ind.grade) : '—'}</td><td class="n">${ind ? fmtWeight(ind.weight) : '—'}</td><td class="n">${fmtInt(n)}</td><td class="n">${fmtPct(n, s.screened)}</td></tr>`;
    })
    .join('');
  const legend = `<ul class="key" aria-label="Key">
<li><svg width="28" height="14" aria-hidden="true"><rect x="1" y="1" width="26" height="12" fill="#0072b2" stroke="#333"/></svg> positive indicator (tested or expert)</li>
<li><svg width="28" height="14" aria-hidden="true"><defs><pattern id="key-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="#009e73"/></pattern></defs><rect x="1" y="1" width="26" height="12" fill="url(#key-stripes)" stroke="#333"/></svg> counter-indicator (lowers the score)</li>
<li><svg width="28" height="14" aria-hidden="true"><rect x="1" y="1" width="26" height="12" fill="#fff" stroke="#333" stroke-dasharray="4 3"/></svg> not predictive (weight 0, not counted)</li>
</ul>`;
  const body =
    fired.length === 0
      ? '<p>No indicator fired.</p>'
      : `${legend}<figure>${barChart('chart-ind', 'How often each indicator fired, most frequent first', bars)}</figure>
<details><summary>Show these numbers as a table</summary><div class="scroll"><table><caption>How often each indicator fired</caption>
<thead><tr><th scope="col">Indicator</th><th scope="col">Grade</th><th scope="col">Weight</th><th scope="col">Adverts</th><th scope="col">Share of screened</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
  const quietText =
    quiet.length > 0
      ? `<p class="muted">Did not fire: ${quiet.map((i) => `<a href="#ind-${esc(i.id)}">${esc(i.name)}</a>`).join(', ')}.</p>`
      : '';
  return `<section id="indicators" aria-labelledby="indicators-h">
<h2 id="indicators-h">Indicators fired</h2>
<p>How many screened adverts each indicator fired on, counter-indicators and not-predictive ones included.</p>
${body}
${quietText}
</section>`;
}

function indicatorLink(id: string, byId: ReadonlyMap<string, ReportIndicator>): string {
  const ind = byId.get(id);
  if (!ind) return `<code>${esc(id)}</code>`;
  return `<a href="#ind-${esc(id)}">${esc(ind.name)}</a>`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // BigInt and circular values cannot be JSON; the evidence must still render.
    return String(value);
  }
}

const MAX_LINKED = 10;

function evidenceHtml(e: Evidence): string {
  switch (e.kind) {
    case 'text':
      return `<span class="muted">${esc(e.field)}:</span> <q>${esc(e.excerpt)}</q>`;
    case 'field':
      return `<code>${esc(e.field)}</code> = <code>${esc(clip(formatValue(e.value), 200))}</code>`;
    case 'link': {
      const shown = e.adverts.slice(0, MAX_LINKED).map((a) => `<code>${esc(a)}</code>`);
      const more =
        e.adverts.length > MAX_LINKED ? ` and ${fmtInt(e.adverts.length - MAX_LINKED)} more` : '';
      const ads =
        e.adverts.length > 0
          ? `; ${fmtInt(e.adverts.length)} linked advert${e.adverts.length === 1 ? '' : 's'}: ${shown.join(', ')}${more}`
          : '';
      return `<span class="muted">${esc(e.linkType)}:</span> ${esc(e.detail)}${ads}`;
    }
  }
}

function contributions(
  reasons: readonly Reason[],
  byId: ReadonlyMap<string, ReportIndicator>,
): string {
  if (reasons.length === 0) return '<p>No indicator fired.</p>';
  const rows = reasons
    .map((r) => {
      const ind = byId.get(r.indicator);
      const cls = r.weight < 0 ? 'counter' : r.weight === 0 ? 'zero' : '';
      const notes = [
        r.weight === 0 ? 'not counted' : '',
        ind?.biasRisk ? 'bias risk: never independent evidence' : '',
      ].filter(Boolean);
      const ev =
        r.evidence.length > 0
          ? `<ul class="ev">${r.evidence.map((e) => `<li>${evidenceHtml(e)}</li>`).join('')}</ul>`
          : '—';
      return `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${indicatorLink(r.indicator, byId)}${notes.length > 0 ? `<br><small>${notes.join('; ')}</small>` : ''}</th><td>${FAMILY_LABELS[r.family] ?? esc(String(r.family))}</td><td class="n">${fmtWeight(r.weight)}</td><td>${ev}</td></tr>`;
    })
    .join('');
  return `<div class="scroll"><table class="contrib"><caption>Contributions to the score</caption>
<thead><tr><th scope="col">Indicator</th><th scope="col">Family</th><th scope="col">Weight</th><th scope="col">Evidence</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function spansFor(
  reasons: readonly Reason[],
  field: 'title' | 'text',
  byId: ReadonlyMap<string, ReportIndicator>,
): HighlightSpan[] {
  const spans: HighlightSpan[] = [];
  for (const r of reasons) {
    const ind = byId.get(r.indicator);
    for (const e of r.evidence) {
      if (e.kind === 'text' && e.field === field) {
        spans.push({
          start: e.span[0],
          end: e.span[1],
          label: ind?.name ?? r.indicator,
          tone: r.weight < 0 ? 'counter' : r.weight === 0 ? 'neutral' : 'positive',
          ...(ind ? { href: `#ind-${r.indicator}` } : {}),
        });
      }
    }
  }
  return spans;
}

function advertArticle(
  a: TopAdvert,
  rank: number,
  byId: ReadonlyMap<string, ReportIndicator>,
  cards: ReadonlySet<string>,
): string {
  const r = a.result;
  // Values are HTML, escaped here.
  const meta: [string, string][] = [];
  if (r.site !== null) meta.push(['Site', esc(r.site)]);
  if (a.name !== null) meta.push(['Name', esc(a.name)]);
  if (a.age !== null) meta.push(['Age', esc(String(a.age))]);
  if (a.town !== null) meta.push(['Town', esc(a.town)]);
  if (r.networkId !== null) {
    meta.push([
      'Network',
      cards.has(r.networkId)
        ? `<a href="#${esc(networkAnchor(r.networkId))}">${esc(r.networkId)}</a>`
        : esc(r.networkId),
    ]);
  }
  const block = (field: 'title' | 'text', value: string) =>
    value.length === 0
      ? `<p class="adtext empty">(no ${field})</p>`
      : `<p class="adtext${field === 'title' ? ' adtitle' : ''}">${highlightSpans(value, spansFor(r.reasons, field, byId))}</p>`;
  const textReasons = r.reasons.filter((x) => x.evidence.some((e) => e.kind === 'text'));
  const highlighted = [...new Set(textReasons.map((x) => x.indicator))];
  const key = [
    textReasons.some((x) => x.weight > 0) ? '<mark>raises the score</mark>' : '',
    textReasons.some((x) => x.weight < 0) ? '<mark class="counter">lowers the score</mark>' : '',
    textReasons.some((x) => x.weight === 0) ? '<mark class="neutral">not counted</mark>' : '',
  ].filter(Boolean);
  const legend =
    highlighted.length > 0
      ? `<p class="legend">Highlights: ${key.join(' ')}. Evidence for ${highlighted.map((id) => indicatorLink(id, byId)).join(', ')}. Hover over a highlight to see its indicator; follow it to the catalogue entry.</p>`
      : '';
  return `<article class="advert" id="adv-${rank}" aria-labelledby="adv-${rank}-h">
<h3 id="adv-${rank}-h"><span class="rank">${rank}.</span> Advert <span class="id">${esc(r.id)}</span> ${levelBadge(r.level)} <span class="score">score ${fmtNum(r.score)}</span></h3>
${meta.length > 0 ? `<dl class="meta">${meta.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>` : ''}
<div class="adbody"><p class="fieldname">Title</p>${block('title', a.title)}<p class="fieldname">Text</p>${block('text', a.text)}</div>
${legend}
${contributions(r.reasons, byId)}
<p class="back"><a href="#top">Back to the list</a></p>
</article>`;
}

function topSection(
  s: ScreenSummary,
  byId: ReadonlyMap<string, ReportIndicator>,
  cards: ReadonlySet<string>,
): string {
  if (s.top.length === 0) {
    return `<section id="top" aria-labelledby="top-h"><h2 id="top-h">Highest-scoring adverts</h2><p>No advert scored above zero.</p></section>`;
  }
  const rows = s.top
    .map((a, i) => {
      const positive = a.result.reasons.filter((r) => r.weight > 0).length;
      return `<tr><td class="n">${i + 1}</td><td><a href="#adv-${i + 1}">${esc(a.result.id)}</a></td><td>${levelBadge(a.result.level)}</td><td class="n">${fmtNum(a.result.score)}</td><td>${a.town === null ? '' : esc(a.town)}</td><td class="n">${positive}</td></tr>`;
    })
    .join('');
  return `<section id="top" aria-labelledby="top-h">
<h2 id="top-h">Highest-scoring adverts</h2>
<p>The ${fmtInt(s.top.length)} highest-scoring adverts, highest first. Each is a lead for a person to review, not a finding.</p>
<div class="scroll"><table><caption>Highest-scoring adverts</caption>
<thead><tr><th scope="col">#</th><th scope="col">Advert</th><th scope="col">Level</th><th scope="col">Score</th><th scope="col">Town</th><th scope="col">Positive indicators</th></tr></thead><tbody>${rows}</tbody></table></div>
${s.top.map((a, i) => advertArticle(a, i + 1, byId, cards)).join('\n')}
</section>`;
}

function catalogueSection(
  version: string,
  indicators: readonly ReportIndicator[],
  s: ScreenSummary,
): string {
  const groups = FAMILIES.map((f) => {
    const list = indicators.filter((i) => i.family === f);
    if (list.length === 0) return '';
    const entries = list
      .map((i) => {
        const cls = indicatorStyle(i);
        return `<section class="ind ${cls}" id="ind-${esc(i.id)}" aria-labelledby="ind-${esc(i.id)}-h">
<h4 id="ind-${esc(i.id)}-h">${esc(i.name)}</h4>
<dl class="meta"><div><dt>Id</dt><dd><code>${esc(i.id)}</code></dd></div><div><dt>Family</dt><dd>${FAMILY_LABELS[i.family]}</dd></div><div><dt>Grade</dt><dd>${esc(GRADE_LABELS[i.grade] ?? i.grade)}</dd></div><div><dt>Weight</dt><dd>${fmtWeight(i.weight)}</dd></div><div><dt>Fired</dt><dd>${fmtInt(s.byIndicator[i.id] ?? 0)}</dd></div>${i.biasRisk ? '<div><dt>Bias risk</dt><dd>never independent evidence</dd></div>' : ''}</dl>
<p>${esc(i.description)}</p>
<p><strong>Why it matters:</strong> ${esc(i.why)}</p>
<p class="src"><strong>Source:</strong> ${esc(i.source)}</p>
</section>`;
      })
      .join('\n');
    return `<h3>${FAMILY_LABELS[f]} indicators</h3>\n${entries}`;
  });
  return `<section id="catalogue" aria-labelledby="catalogue-h">
<h2 id="catalogue-h">Indicator catalogue</h2>
<p>Catalogue version ${esc(version)}. Grades: <em>tested</em> against adverts with known outcomes; <em>expert (untested)</em> from practitioners; <em>counter-indicator</em> seen more in adverts not linked to exploitation (negative weight); <em>not predictive</em> tested and found not predictive (weight 0).</p>
${groups.join('\n')}
</section>`;
}

// ---------------------------------------------------------------- networks

/** The page anchor of a network's card. */
function networkAnchor(id: string): string {
  return `network-${id}`;
}

// Okabe–Ito again, and a dash pattern for the two fuzzy link types, so type is not colour alone.
const EDGE_STYLES: Record<EdgeRecord['type'], { colour: string; dash: string; label: string }> = {
  account: { colour: '#0072b2', dash: '', label: 'same account' },
  payer: { colour: '#cc79a7', dash: '', label: 'same payer' },
  phone: { colour: '#d55e00', dash: '', label: 'same phone' },
  email: { colour: '#e69f00', dash: '', label: 'same email' },
  handle: { colour: '#56b4e9', dash: '', label: 'same social handle' },
  image: { colour: '#009e73', dash: '2 2', label: 'same photo' },
  text: { colour: '#444444', dash: '6 3', label: 'same text template' },
};
const EDGE_TYPES = Object.keys(EDGE_STYLES) as EdgeRecord['type'][];
const UNKNOWN_EDGE = { colour: '#888888', dash: '1 3', label: 'other link' };
const edgeStyle = (type: string) => EDGE_STYLES[type as EdgeRecord['type']] ?? UNKNOWN_EDGE;

const GRAPH_W = 560;
const GRAPH_H = 420;
const GRAPH_MARGIN = 14;
// Parallel edges (two adverts sharing a phone and an account) sit this far apart.
const PARALLEL_GAP = 3;
const MAX_PERSONAS = 12;
const MAX_TOWNS = 20;
const MAX_HUBS = 20;
const MAX_FINDINGS = 5;

const highestListed = (nets: ReportNetworks) =>
  nets.highest.filter((n) => n.score > 0 || n.level !== 'none');

function dateOf(iso: string | null | undefined): string {
  return typeof iso === 'string' && iso.length >= 10 ? esc(iso.slice(0, 10)) : '—';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

function edgeSwatch(type: string): string {
  const st = edgeStyle(type);
  return `<svg width="28" height="10" aria-hidden="true"><path d="M1 5H27" stroke="${st.colour}" stroke-width="2.5"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}/></svg>`;
}

function networkGraph(n: ReportNetwork, topRanks: ReadonlyMap<string, number>): string {
  if (n.shown.length < 2) return '';
  const index = new Map(n.shown.map((id, i) => [id, i]));
  const drawn = n.edges.flatMap((e) => {
    const a = index.get(e.a);
    const b = index.get(e.b);
    return a === undefined || b === undefined || a === b ? [] : [{ e, a, b }];
  });
  const key = (a: number, b: number) => (a < b ? `${a} ${b}` : `${b} ${a}`);
  const perPair = new Map<string, number>();
  for (const d of drawn) perPair.set(key(d.a, d.b), (perPair.get(key(d.a, d.b)) ?? 0) + 1);
  const pairs = [...perPair.keys()].map((k) => k.split(' ').map(Number) as [number, number]);
  const pos = forceLayout(n.shown.length, pairs, GRAPH_W, GRAPH_H, GRAPH_MARGIN);
  const seen = new Map<string, number>();
  const lines = drawn.map(({ e, a, b }) => {
    const k = key(a, b);
    const m = perPair.get(k) ?? 1;
    const nth = seen.get(k) ?? 0;
    seen.set(k, nth + 1);
    const pa = pos[a] ?? { x: 0, y: 0 };
    const pb = pos[b] ?? { x: 0, y: 0 };
    // Offset along the normal of the lower-index → higher-index direction, same for every edge
    // of the pair, so parallel edges fan out instead of crossing.
    const [p, q] = a < b ? [pa, pb] : [pb, pa];
    const len = Math.max(1e-9, Math.hypot(q.x - p.x, q.y - p.y));
    const off = (nth - (m - 1) / 2) * PARALLEL_GAP;
    const ox = (-(q.y - p.y) / len) * off;
    const oy = ((q.x - p.x) / len) * off;
    const st = edgeStyle(e.type);
    return `<line x1="${(pa.x + ox).toFixed(1)}" y1="${(pa.y + oy).toFixed(1)}" x2="${(pb.x + ox).toFixed(1)}" y2="${(pb.y + oy).toFixed(1)}" stroke="${st.colour}" stroke-width="1.5"${st.dash ? ` stroke-dasharray="${st.dash}"` : ''}><title>${esc(`${e.a} – ${e.b}: ${e.detail}`)}</title></line>`;
  });
  const nodes = n.shown.map((id, i) => {
    const p = pos[i] ?? { x: 0, y: 0 };
    const rank = topRanks.get(id);
    const circle = (fill: string, tip: string) =>
      `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="5" fill="${fill}" stroke="#1a1a1a" stroke-width="1.5"><title>${esc(tip)}</title></circle>`;
    return rank === undefined
      ? circle('#ffffff', id)
      : `<a href="#adv-${rank}">${circle('#1a1a1a', `${id}: highest-scoring advert ${rank}, follow for its details`)}</a>`;
  });
  const counts = new Map<string, number>();
  for (const d of drawn) counts.set(d.e.type, (counts.get(d.e.type) ?? 0) + 1);
  const legendTypes = [
    ...EDGE_TYPES.filter((t) => counts.has(t)),
    ...[...counts.keys()].filter((t) => !(t in EDGE_STYLES)).sort(),
  ];
  const legend = `<ul class="key" aria-label="Link types">${legendTypes
    .map(
      (t) => `<li>${edgeSwatch(t)} ${esc(edgeStyle(t).label)} (${fmtInt(counts.get(t) ?? 0)})</li>`,
    )
    .join(
      '',
    )}${topRanks.size > 0 && nodes.some((x) => x.startsWith('<a')) ? '<li><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="5" fill="#1a1a1a"/></svg> one of the highest-scoring adverts below</li>' : ''}</ul>`;
  const notes: string[] = [];
  if (n.size > n.shown.length) {
    notes.push(
      `Showing the first ${fmtInt(n.shown.length)} of ${fmtInt(n.size)} adverts (in the order they were added); links to the others are not drawn.`,
    );
  }
  if (n.edgesAmongShown > drawn.length) {
    notes.push(
      `Drawing ${fmtInt(drawn.length)} of the ${fmtInt(n.edgesAmongShown)} links between them.`,
    );
  }
  const titleId = `${networkAnchor(n.id)}-g`;
  return `<figure class="graph">
<svg class="network" viewBox="0 0 ${GRAPH_W} ${GRAPH_H}" width="${GRAPH_W}" height="${GRAPH_H}" role="img" aria-labelledby="${esc(titleId)}"><title id="${esc(titleId)}">${esc(`Links between ${fmtInt(n.shown.length)} adverts of network ${n.id}`)}</title><g>${lines.join('')}</g><g>${nodes.join('')}</g></svg>
<figcaption>Each dot is an advert, each line a link (hover over one to see why). ${notes.join(' ')}</figcaption>
${legend}
</figure>`;
}

// A network's findings name dozens of adverts each: the card shows what was found, not the ids.
function networkReasons(
  reasons: readonly Reason[],
  byId: ReadonlyMap<string, ReportIndicator>,
): string {
  if (reasons.length === 0) return '<p>No network indicator fired.</p>';
  const rows = reasons
    .map((r) => {
      const evidence = Array.isArray(r.evidence) ? r.evidence : [];
      const details = evidence.map((e) =>
        e.kind === 'link'
          ? esc(e.detail)
          : e.kind === 'text'
            ? `<q>${esc(e.excerpt)}</q>`
            : `<code>${esc(e.field)}</code> = <code>${esc(clip(formatValue(e.value), 200))}</code>`,
      );
      const shown = details.slice(0, MAX_FINDINGS).map((d) => `<li>${d}</li>`);
      if (details.length > MAX_FINDINGS) {
        shown.push(
          `<li class="muted">and ${plural(details.length - MAX_FINDINGS, 'more finding')}</li>`,
        );
      }
      const cls = r.weight < 0 ? 'counter' : r.weight === 0 ? 'zero' : '';
      return `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${indicatorLink(r.indicator, byId)}</th><td>${FAMILY_LABELS[r.family] ?? esc(String(r.family))}</td><td class="n">${fmtWeight(r.weight)}</td><td>${shown.length > 0 ? `<ul class="ev">${shown.join('')}</ul>` : '—'}</td></tr>`;
    })
    .join('');
  return `<div class="scroll"><table class="contrib"><caption>Network indicators and what they found</caption>
<thead><tr><th scope="col">Indicator</th><th scope="col">Family</th><th scope="col">Weight</th><th scope="col">Findings</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

// The placeholders text templates use (core/linkage/text-template.ts); nothing else is a slot.
const TEMPLATE_SLOT = /(<(?:name|town|num|price|phone|email|handle)>)/;

function templateHtml(template: string): string {
  return template
    .split(TEMPLATE_SLOT)
    .map((part, i) => (i % 2 === 1 ? `<span class="slot">${esc(part)}</span>` : esc(part)))
    .join('');
}

function templatesBlock(n: ReportNetwork): string {
  if (n.templates.length === 0) return '';
  const items = n.templates.map((t) => {
    const diffs =
      t.differences.length > 0
        ? `<p class="muted">Differs between adverts in:</p><ul class="diffs">${t.differences
            .map(
              (d) =>
                `<li>${esc(String(d.slot))} <q>${esc(d.a === null ? '(none)' : String(d.a))}</q> → <q>${esc(d.b === null ? '(none)' : String(d.b))}</q></li>`,
            )
            .join('')}</ul>`
        : '';
    return `<div class="template"><p class="muted">Shared by ${plural(t.links, 'text link')}:</p><blockquote>${templateHtml(t.template)}</blockquote>${diffs}</div>`;
  });
  return `<h5>Shared text</h5><p class="muted">The text the adverts have in common, with the parts that change (<span class="slot">&lt;name&gt;</span>, <span class="slot">&lt;town&gt;</span>, …) marked.</p>${items.join('')}`;
}

function personasBlock(n: ReportNetwork): string {
  const personas = n.summary.personas;
  if (personas.length === 0) return '<div><h5>Personas</h5><p>No name or age given.</p></div>';
  const rows = personas
    .slice(0, MAX_PERSONAS)
    .map(
      (p) =>
        `<tr><td>${p.name === null || p.name === undefined ? '<span class="muted">(no name)</span>' : esc(String(p.name))}</td><td class="n">${typeof p.age === 'number' ? fmtInt(p.age) : '—'}</td><td class="n">${fmtInt(Number(p.adverts) || 0)}</td></tr>`,
    )
    .join('');
  const more =
    personas.length > MAX_PERSONAS
      ? `<p class="muted">and ${plural(personas.length - MAX_PERSONAS, 'more persona')}.</p>`
      : '';
  return `<div><h5>Personas</h5><table><caption>${plural(personas.length, 'persona')} (name and age)</caption><thead><tr><th scope="col">Name</th><th scope="col">Age</th><th scope="col">Adverts</th></tr></thead><tbody>${rows}</tbody></table>${more}</div>`;
}

function circuitBlock(n: ReportNetwork): string {
  const towns = n.summary.towns;
  if (towns.length === 0) return '<div><h5>Circuit</h5><p>No town given.</p></div>';
  const items = towns
    .slice(0, MAX_TOWNS)
    .map(
      (t) =>
        `<li><strong>${esc(String(t.town))}</strong> <span class="muted">${plural(Number(t.adverts) || 0, 'advert')}, ${dateOf(t.first)} to ${dateOf(t.last)}</span></li>`,
    )
    .join('');
  const more =
    towns.length > MAX_TOWNS
      ? `<p class="muted">and ${plural(towns.length - MAX_TOWNS, 'more town')}.</p>`
      : '';
  return `<div><h5>Circuit</h5><p class="muted">Towns in the order the network first advertised in them.</p><ol class="circuit">${items}</ol>${more}</div>`;
}

function networkCard(
  n: ReportNetwork,
  byId: ReadonlyMap<string, ReportIndicator>,
  topRanks: ReadonlyMap<string, number>,
): string {
  const anchor = esc(networkAnchor(n.id));
  const s = n.summary;
  const meta: [string, string][] = [
    ['Adverts', fmtInt(n.size)],
    ['Accounts', fmtInt(s.accounts.length)],
    ['Phones', fmtInt(s.phones.length)],
    ['Payers', fmtInt(s.payers.length)],
    ['Emails', fmtInt(s.emails.length)],
    ['Photos', fmtInt(s.images.length)],
    ['First posted', dateOf(s.firstPosted)],
    ['Last posted', dateOf(s.lastPosted)],
  ];
  const links = Object.entries(s.links)
    .filter(([, c]) => typeof c === 'number' && c > 0)
    .map(([t, c]) => `${esc(edgeStyle(t).label)} ${fmtInt(c ?? 0)}`);
  const hubs =
    s.hubs.length > 0
      ? `<p class="muted">Also carries values too common to link on: ${s.hubs
          .slice(0, 5)
          .map((h) => `${esc(String(h.type))} <code>${esc(String(h.value))}</code>`)
          .join(', ')}${s.hubs.length > 5 ? ', …' : ''}.</p>`
      : '';
  return `<article class="network" id="${anchor}" aria-labelledby="${anchor}-h">
<h4 id="${anchor}-h">Network <span class="id">${esc(n.id)}</span> ${levelBadge(n.level)} <span class="score">score ${fmtNum(n.score)} · ${plural(n.size, 'advert')}</span></h4>
<dl class="meta">${meta.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>
<p class="muted">${plural(n.edgeTotal, 'link')}${links.length > 0 ? `: ${links.join(', ')}` : ''}.</p>
${hubs}
<h5>Why it scored</h5>
${networkReasons(n.reasons, byId)}
<div class="pair">${personasBlock(n)}${circuitBlock(n)}</div>
${templatesBlock(n)}
<h5>Links</h5>
${networkGraph(n, topRanks)}
<p class="back"><a href="#networks">Back to networks</a></p>
</article>`;
}

function networkTable(caption: string, list: readonly ReportNetwork[]): string {
  const rows = list
    .map((n, i) => {
      const towns = n.summary.towns.map((t) => esc(String(t.town)));
      return `<tr><td class="n">${i + 1}</td><td><a href="#${esc(networkAnchor(n.id))}">${esc(n.id)}</a></td><td>${levelBadge(n.level)}</td><td class="n">${fmtNum(n.score)}</td><td class="n">${fmtInt(n.size)}</td><td class="n">${fmtInt(n.summary.personas.length)}</td><td>${towns.slice(0, 4).join(' → ')}${towns.length > 4 ? ' → …' : ''}</td></tr>`;
    })
    .join('');
  return `<div class="scroll"><table><caption>${esc(caption)}</caption>
<thead><tr><th scope="col">#</th><th scope="col">Network</th><th scope="col">Level</th><th scope="col">Score</th><th scope="col">Adverts</th><th scope="col">Personas</th><th scope="col">Towns</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function networkSection(
  s: ScreenSummary,
  nets: ReportNetworks,
  byId: ReadonlyMap<string, ReportIndicator>,
  topRanks: ReadonlyMap<string, number>,
): string {
  const c = nets.counts;
  const levelRows = LEVELS.map(
    (l) =>
      `<tr><th scope="row">${levelBadge(l)}</th><td class="n">${fmtInt(c.byLevel[l] ?? 0)}</td><td class="n">${fmtPct(c.byLevel[l] ?? 0, c.networks)}</td></tr>`,
  ).join('');
  const hubs =
    c.hubs.length > 0
      ? `<div class="scroll"><table><caption>Values behind too many accounts to link on${c.hubs.length > MAX_HUBS ? ` (first ${MAX_HUBS} of ${fmtInt(c.hubs.length)})` : ''}</caption>
<thead><tr><th scope="col">Type</th><th scope="col">Value</th><th scope="col">Adverts</th><th scope="col">Accounts</th></tr></thead><tbody>${c.hubs
          .slice(0, MAX_HUBS)
          .map(
            (h) =>
              `<tr><td>${esc(String(h.type))}</td><td><code>${esc(String(h.value))}</code></td><td class="n">${fmtInt(Number(h.adverts) || 0)}</td><td class="n">${fmtInt(Number(h.accounts) || 0)}</td></tr>`,
          )
          .join('')}</tbody></table></div>`
      : '<p>No value was common enough to be set aside as a hub.</p>';
  const highest = highestListed(nets);
  const drawn = new Set<string>();
  const cardsOf = (list: readonly ReportNetwork[]) =>
    list
      .filter((n) => !drawn.has(n.id) && drawn.add(n.id))
      .map((n) => networkCard(n, byId, topRanks))
      .join('\n');
  const largest =
    nets.largest.length > 0
      ? `${networkTable('Largest networks', nets.largest)}\n${cardsOf(nets.largest)}`
      : '<p>No network was found.</p>';
  const alsoLargest = highest.filter((n) => nets.largest.some((m) => m.id === n.id)).length;
  const highestBody =
    highest.length > 0
      ? `${networkTable('Highest-scoring networks', highest)}${alsoLargest > 0 ? `<p class="muted">${plural(alsoLargest, 'network is', 'networks are')} also among the largest; ${alsoLargest === 1 ? 'its card is' : 'their cards are'} above.</p>` : ''}\n${cardsOf(highest)}`
      : '<p>No network scored above zero.</p>';
  const unreadable =
    nets.unreadable > 0
      ? `<p class="muted">${plural(nets.unreadable, 'line')} of networks.jsonl could not be read and ${nets.unreadable === 1 ? 'is' : 'are'} left out.</p>`
      : '';
  return `<section id="networks" aria-labelledby="networks-h">
<h2 id="networks-h">Networks</h2>
<p>A network is a set of adverts joined by something they share: an account, a payer, a phone number, an email, a social handle, a photo or near-identical text. Like an advert's score, a network's score is a lead for review, not a finding: one person advertising over time forms a network too.</p>
${unreadable}
<div class="cards">
<p class="card"><span class="big">${fmtInt(c.networks)}</span> networks</p>
<p class="card"><span class="big">${fmtInt(c.networkedAdverts)}</span> adverts in networks (${fmtPct(c.networkedAdverts, s.screened)})</p>
<p class="card"><span class="big">${fmtInt(c.largest)}</span> adverts in the largest</p>
<p class="card"><span class="big">${fmtInt(c.edges)}</span> links</p>
</div>
<div class="pair">
<div class="scroll"><table class="levels"><caption>Networks by level</caption>
<thead><tr><th scope="col">Level</th><th scope="col">Networks</th><th scope="col">Share</th></tr></thead><tbody>${levelRows}</tbody></table></div>
<div><h3>Hubs</h3><p class="muted">Values so common (a shared agency number, a site's default email) that joining on them would merge unrelated adverts. They are shown, not used to link.</p>${hubs}</div>
</div>
<h3 id="networks-largest">Largest networks</h3>
${largest}
<h3 id="networks-highest">Highest-scoring networks</h3>
${highestBody}
</section>`;
}

const CSS = `
:root{color-scheme:light;--fg:#1a1a1a;--muted:#555;--line:#ccc;--bg2:#f4f4f2;--link:#0b57a4}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);background:#fff}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;border:2px solid var(--fg)}
.skip:focus{left:1rem;z-index:1}
header,main,footer{max-width:62rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}
h1{font-size:1.8rem;margin:0 0 .5rem}
h2{font-size:1.4rem;margin:2.5rem 0 .75rem;padding-top:.5rem;border-top:2px solid var(--fg)}
h3{font-size:1.15rem;margin:1.75rem 0 .5rem}
h4{font-size:1.05rem;margin:0 0 .25rem}
a{color:var(--link)}
a:focus-visible{outline:3px solid #e69f00;outline-offset:2px}
code{font:0.9em/1.4 ui-monospace,Consolas,monospace;overflow-wrap:anywhere}
dl.meta{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:.5rem 0}
dl.meta div{display:flex;gap:.4rem}
dl.meta dt{color:var(--muted)}
dl.meta dt::after{content:":"}
dl.meta dd{margin:0;overflow-wrap:anywhere}
.note{background:var(--bg2);border-left:4px solid #0072b2;padding:.5rem 1rem;margin:1rem 0}
.note p,.note ul{margin:.5rem 0}
.toc{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;list-style:none;margin:1rem 0}
.muted{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:1rem}
.card{margin:0;padding:.5rem 1rem;border:1px solid var(--line);border-radius:6px;min-width:10rem}
.big{display:block;font-size:1.6rem;font-weight:700}
figure{margin:.5rem 0}
figcaption{color:var(--muted);font-size:.9rem}
svg.chart{max-width:100%;height:auto;font-family:inherit}
svg.chart .l{font-size:14px;fill:#1a1a1a}
svg.chart .s{font-size:12px;fill:#555}
svg.chart .v{font-size:14px;fill:#1a1a1a}
.pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}
@media (max-width:48rem){.pair{grid-template-columns:1fr}}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.5rem 0;font-size:.95rem}
table.contrib{width:100%}
table.contrib th[scope=row]{min-width:14rem}
table.contrib td:nth-child(2){white-space:nowrap}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--fg)}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.counter th,tr.counter td{background:#eaf6f1}
tr.zero th,tr.zero td{color:var(--muted)}
details{margin:.5rem 0}
summary{cursor:pointer;color:var(--link)}
.key{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;font-size:.9rem}
.key svg{vertical-align:middle}
.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:.85rem;font-weight:700;color:#111;border:1px solid #333;vertical-align:middle;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.lv-none{background:#c8c8c8}.lv-low{background:#56b4e9}.lv-medium{background:#e69f00}.lv-high{background:#d55e00}
.advert{border:1px solid var(--line);border-radius:6px;padding:.25rem 1rem .5rem;margin:1.25rem 0;break-inside:avoid-page}
.advert h3{margin:.75rem 0 .25rem;overflow-wrap:anywhere}
.advert .rank{color:var(--muted)}
.score{font-size:.95rem;font-weight:400;color:var(--muted)}
.adbody{background:var(--bg2);padding:.25rem .75rem;border-radius:4px}
.fieldname{margin:.5rem 0 0;font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.adtext{margin:0 0 .5rem;white-space:pre-wrap;overflow-wrap:anywhere}
.adtitle{font-weight:600}
.adtext.empty{color:var(--muted);font-style:italic}
mark{background:#fff0a0;color:inherit;border-bottom:2px solid #8a6d00;padding:0 1px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.multi{background:#ffd27a;border-bottom:3px double #8a4b00}
mark.counter{background:#d5f0e5;border-bottom:2px dashed #00704f}
mark.neutral{background:#ececec;border-bottom:2px dotted #666}
mark a{color:inherit;text-decoration:none}
mark a:hover{text-decoration:underline}
.legend{font-size:.9rem;color:var(--muted)}
ul.ev{margin:0;padding-left:1.1rem}
q{quotes:"\\201C" "\\201D";overflow-wrap:anywhere}
.back{font-size:.9rem;margin:.25rem 0}
.ind{border-top:1px solid var(--line);padding:.75rem 0}
.ind p{margin:.35rem 0}
.ind.counter{border-left:6px solid #009e73;padding-left:.75rem}
.ind.zero{border-left:6px dashed #888;padding-left:.75rem}
.src{font-size:.9rem;color:var(--muted)}
.network{border:1px solid var(--line);border-radius:6px;padding:.25rem 1rem .5rem;margin:1.25rem 0}
.network h4{margin:.75rem 0 .25rem;overflow-wrap:anywhere}
.network h5{font-size:.95rem;margin:1rem 0 .25rem}
ol.circuit{margin:.25rem 0;padding-left:1.5rem}
.template blockquote{margin:.25rem 0 .5rem;padding:.25rem .75rem;background:var(--bg2);border-left:4px solid #444;overflow-wrap:anywhere}
.slot{font:0.85em/1.4 ui-monospace,Consolas,monospace;background:#e6e6e6;border-radius:3px;padding:0 2px}
ul.diffs{margin:.25rem 0 .5rem;padding-left:1.25rem}
svg.network{max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px;background:#fff}
svg.network line{stroke-opacity:.75}
svg.network line:hover{stroke-width:4;stroke-opacity:1}
:target{scroll-margin-top:1rem}
.ind:target{background:#fff7d6;outline:2px solid #e69f00}
footer{color:var(--muted);font-size:.85rem;padding:2rem 1rem}
@media print{
body{font-size:11pt}
.skip,nav,.back,details{display:none}
header,main,footer{max-width:none;padding:0}
h2{break-after:avoid}
a{color:inherit;text-decoration:none}
.advert,.network{border-color:#999}
.network{break-inside:avoid-page}
}
`;

/** Renders a screening summary as one self-contained, offline, printable HTML page. */
export function renderReport(input: ReportInput): string {
  const byId = new Map(input.indicators.map((i) => [i.id, i]));
  const s = input.summary;
  const nets = input.networks;
  const cards = new Set(nets ? [...nets.largest, ...highestListed(nets)].map((n) => n.id) : []);
  const topRanks = new Map(s.top.map((a, i) => [a.result.id, i + 1]));
  // The CSP is a second line of defence behind escaping: even injected markup could fetch nothing.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.title)}</title>
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
${header(input)}
<main id="main">
${summarySection(s)}
${familySection(s)}
${indicatorSection(s, byId)}
${nets ? networkSection(s, nets, byId, topRanks) : ''}
${topSection(s, byId, cards)}
${catalogueSection(s.catalogueVersion, input.indicators, s)}
</main>
<footer><p>Generated by Beacon from ${esc(input.source)} at ${esc(input.generatedAt)} with indicator catalogue ${esc(s.catalogueVersion)}. Recommendations for human review only.</p></footer>
</body>
</html>
`;
}
