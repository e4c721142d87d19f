import type { IndicatorSpec } from '../catalogue/catalogue-schema.ts';
import type { RejectedLine, ScreenSummary, TopAdvert } from '../screen/summary.ts';
import {
  FAMILIES,
  LEVELS,
  type Evidence,
  type Family,
  type Level,
  type Reason,
} from '../model/result.ts';

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
<li><a href="#summary">Summary</a></li><li><a href="#families">By family</a></li><li><a href="#indicators">By indicator</a></li><li><a href="#top">Highest-scoring adverts</a></li><li><a href="#catalogue">Indicator catalogue</a></li>
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
): string {
  const r = a.result;
  const meta: [string, string][] = [];
  if (r.site !== null) meta.push(['Site', r.site]);
  if (a.name !== null) meta.push(['Name', a.name]);
  if (a.age !== null) meta.push(['Age', String(a.age)]);
  if (a.town !== null) meta.push(['Town', a.town]);
  if (r.networkId !== null) meta.push(['Network', r.networkId]);
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
${meta.length > 0 ? `<dl class="meta">${meta.map(([k, v]) => `<div><dt>${k}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>` : ''}
<div class="adbody"><p class="fieldname">Title</p>${block('title', a.title)}<p class="fieldname">Text</p>${block('text', a.text)}</div>
${legend}
${contributions(r.reasons, byId)}
<p class="back"><a href="#top">Back to the list</a></p>
</article>`;
}

function topSection(s: ScreenSummary, byId: ReadonlyMap<string, ReportIndicator>): string {
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
${s.top.map((a, i) => advertArticle(a, i + 1, byId)).join('\n')}
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
:target{scroll-margin-top:1rem}
.ind:target{background:#fff7d6;outline:2px solid #e69f00}
footer{color:var(--muted);font-size:.85rem;padding:2rem 1rem}
@media print{
body{font-size:11pt}
.skip,nav,.back,details{display:none}
header,main,footer{max-width:none;padding:0}
h2{break-after:avoid}
a{color:inherit;text-decoration:none}
.advert{border-color:#999}
}
`;

/** Renders a screening summary as one self-contained, offline, printable HTML page. */
export function renderReport(input: ReportInput): string {
  const byId = new Map(input.indicators.map((i) => [i.id, i]));
  const s = input.summary;
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
${topSection(s, byId)}
${catalogueSection(s.catalogueVersion, input.indicators, s)}
</main>
<footer><p>Generated by Beacon from ${esc(input.source)} at ${esc(input.generatedAt)} with indicator catalogue ${esc(s.catalogueVersion)}. Recommendations for human review only.</p></footer>
</body>
</html>
`;
}
