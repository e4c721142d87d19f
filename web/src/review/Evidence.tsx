// How an advert's score is explained: its text with every piece of text evidence highlighted and
// numbered (each number links to the indicator's catalogue entry), the list of reasons with their
// evidence, and a bar chart of each indicator's contribution to the score.
import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Evidence, Reason } from '../api/types.ts';
import { catalogueHref, indicatorName } from '../catalogue/catalogue.ts';
import { formatWeight } from '../util/format.ts';

interface Hit {
  readonly start: number;
  readonly end: number;
  /** Index of the reason in the advert's list (shown as index + 1). */
  readonly reason: number;
}

/** The text evidence of one field, clipped to the text. */
function hitsOf(reasons: readonly Reason[], field: 'title' | 'text', length: number): Hit[] {
  const hits: Hit[] = [];
  reasons.forEach((r, reason) => {
    for (const e of r.evidence) {
      if (e.kind !== 'text' || e.field !== field) continue;
      const start = Math.max(0, Math.min(length, e.span[0]));
      const end = Math.max(start, Math.min(length, e.span[1]));
      if (end > start) hits.push({ start, end, reason });
    }
  });
  return hits;
}

/** A numbered link from a piece of evidence to its indicator's catalogue entry. */
export function EvidenceRef({ reasons, index }: { reasons: readonly Reason[]; index: number }) {
  const { t } = useTranslation();
  const r = reasons[index];
  if (r === undefined) return null;
  return (
    <sup className="evidence-ref">
      <Link
        to={catalogueHref(r.indicator)}
        aria-label={t('advert.evidenceRef', { n: index + 1, name: indicatorName(r.indicator) })}
        title={indicatorName(r.indicator)}
      >
        {index + 1}
      </Link>
    </sup>
  );
}

/**
 * A field of the advert with its text evidence marked. Overlapping spans are split at every
 * boundary; each marked run names the indicators behind it, and each span ends with its numbered
 * reference (spans are UTF-16 offsets, as JavaScript strings index).
 */
export function HighlightedText({
  text,
  field,
  reasons,
}: {
  text: string;
  field: 'title' | 'text';
  reasons: readonly Reason[];
}) {
  const hits = hitsOf(reasons, field, text.length);
  const cuts = [...new Set([0, text.length, ...hits.flatMap((h) => [h.start, h.end])])].sort(
    (a, b) => a - b,
  );
  const out: ReactNode[] = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    const covering = hits.filter((h) => h.start <= a && h.end >= b);
    const piece = text.slice(a, b);
    if (covering.length === 0) out.push(<Fragment key={a}>{piece}</Fragment>);
    else {
      const names = [...new Set(covering.map((h) => indicatorName(reasons[h.reason]!.indicator)))];
      const family = reasons[covering[0]!.reason]!.family;
      out.push(
        <mark key={a} className={`fam-${family}`} title={names.join('; ')}>
          {piece}
        </mark>,
      );
    }
    const ending = [...new Set(hits.filter((h) => h.end === b).map((h) => h.reason))];
    for (const reason of ending) {
      out.push(<EvidenceRef key={`${b}-${reason}`} reasons={reasons} index={reason} />);
    }
  }
  return <>{out}</>;
}

/** One piece of evidence in words. */
function EvidenceLine({ e }: { e: Evidence }) {
  const { t } = useTranslation();
  if (e.kind === 'text') {
    return (
      <>
        {t(`advert.fields.${e.field}`)}: “<q className="excerpt">{e.excerpt}</q>”
      </>
    );
  }
  if (e.kind === 'field') {
    return (
      <>
        <code>{e.field}</code> = <code>{JSON.stringify(e.value)}</code>
      </>
    );
  }
  const shown = e.adverts.slice(0, 8);
  return (
    <>
      {e.detail}{' '}
      <span className="small">
        (
        {shown.map((id, i) => (
          <Fragment key={id}>
            {i > 0 && ', '}
            <Link to={`/adverts/${encodeURIComponent(id)}`}>{id}</Link>
          </Fragment>
        ))}
        {e.adverts.length > shown.length &&
          ` ${t('advert.andMore', { count: e.adverts.length - shown.length })}`}
        )
      </span>
    </>
  );
}

/** The reasons, numbered as in the highlighted text, each linked to its catalogue entry. */
export function ReasonList({ reasons }: { reasons: readonly Reason[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return <p>{t('advert.noReasons')}</p>;
  return (
    <ol className="reasons">
      {reasons.map((r, i) => (
        <li key={`${r.indicator}-${i}`} id={`reason-${i + 1}`}>
          <div className="reason-head">
            <Link to={catalogueHref(r.indicator)}>{indicatorName(r.indicator)}</Link>{' '}
            <span className={`badge fam-${r.family}`}>{t(`families.${r.family}`)}</span>{' '}
            <span className="weight">{formatWeight(r.weight, true)}</span>
          </div>
          {r.evidence.length > 0 && (
            <ul className="evidence">
              {r.evidence.map((e, j) => (
                <li key={j}>
                  <EvidenceLine e={e} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

const ROW = 24;
const LABEL = 210;
const BAR = 220;
const VALUE = 44;

/**
 * Each indicator's contribution to the score as horizontal bars (inline SVG). Negative weights
 * (counter-indicators) run left of the zero line; weight-0 indicators show as a tick.
 */
export function ScoreChart({ reasons, score }: { reasons: readonly Reason[]; score: number }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  const max = Math.max(...reasons.map((r) => Math.abs(r.weight)), 1);
  const hasNegative = reasons.some((r) => r.weight < 0);
  const zero = LABEL + (hasNegative ? BAR / 2 : 0);
  const scale = (hasNegative ? BAR / 2 : BAR) / max;
  const height = reasons.length * ROW + 8;
  const width = LABEL + BAR + VALUE;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby="chart-title chart-desc"
        className="score-chart"
      >
        <title id="chart-title">{t('advert.chart.title')}</title>
        <desc id="chart-desc">
          {t('advert.chart.desc', { score: formatWeight(score), count: reasons.length })}
        </desc>
        <line x1={zero} x2={zero} y1={0} y2={height} className="axis" />
        {reasons.map((r, i) => {
          const y = i * ROW + 4;
          const w = Math.abs(r.weight) * scale;
          const x = r.weight < 0 ? zero - w : zero;
          const name = indicatorName(r.indicator);
          return (
            <g key={`${r.indicator}-${i}`}>
              <text x={LABEL - 6} y={y + ROW / 2 + 4} textAnchor="end" className="chart-label">
                {`${i + 1}. ${name.length > 30 ? `${name.slice(0, 29)}…` : name}`}
              </text>
              {r.weight === 0 ? (
                <line x1={zero} x2={zero + 3} y1={y + 4} y2={y + ROW - 6} className="bar-zero" />
              ) : (
                <rect
                  x={x}
                  y={y + 3}
                  width={Math.max(w, 1)}
                  height={ROW - 8}
                  className={`bar fam-${r.family}${r.weight < 0 ? ' negative' : ''}`}
                />
              )}
              <text x={LABEL + BAR + 4} y={y + ROW / 2 + 4} className="chart-value">
                {formatWeight(r.weight, true)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="small muted">{t('advert.chart.caption')}</figcaption>
    </figure>
  );
}
