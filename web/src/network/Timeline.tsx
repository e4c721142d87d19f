// The postings over time as an inline SVG: one row per town (in circuit order) when towns are
// shown, else one row, and a dot per posting with its advert and time as a tooltip.
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from './format.ts';
import type { NetworkGraph } from './types.ts';

const WIDTH = 720;
const ROW = 26;
const LEFT = 130;
const RIGHT = 40;
const TOP = 10;
const AXIS = 28;

/** The timeline of postings. */
export default function Timeline({ graph }: { graph: NetworkGraph }) {
  const { t, i18n } = useTranslation();
  const lang = i18n?.language ?? 'en-GB';
  const entries = graph.timeline;
  if (entries.length === 0) {
    return (
      <section className="nv-timeline" aria-labelledby="nv-timeline-heading">
        <h2 id="nv-timeline-heading">{t('network.timeline.heading')}</h2>
        <p>{t('network.timeline.none')}</p>
      </section>
    );
  }
  const times = entries.map((e) => Date.parse(e.postedAt));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const span = Math.max(end - start, 60 * 60 * 1000);
  const rows = graph.towns.length > 0 ? graph.towns.map((tw) => tw.name) : [];
  const rowOf = (town: string | null) =>
    town !== null && rows.includes(town) ? rows.indexOf(town) : -1;
  const lanes =
    rows.length > 0 ? rows.length + (entries.some((e) => rowOf(e.town) < 0) ? 1 : 0) : 1;
  const height = TOP + lanes * ROW + AXIS;
  const x = (ms: number) => LEFT + ((ms - start) / span) * (WIDTH - LEFT - RIGHT);
  const y = (lane: number) => TOP + lane * ROW + ROW / 2;
  const laneOf = (town: string | null) => {
    const r = rowOf(town);
    return r >= 0 ? r : rows.length > 0 ? rows.length : 0;
  };
  // Ticks: about five evenly spaced dates.
  const ticks = Array.from({ length: 5 }, (_, i) => start + (span * i) / 4);
  const first = formatDate(entries[0]!.postedAt, lang);
  const last = formatDate(entries[entries.length - 1]!.postedAt, lang);
  const summary = t('network.timeline.label', { count: entries.length, first, last });
  return (
    <section className="nv-timeline" aria-labelledby="nv-timeline-heading">
      <h2 id="nv-timeline-heading">{t('network.timeline.heading')}</h2>
      <p>{summary}</p>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={summary}
        className="nv-timeline-svg"
      >
        {Array.from({ length: lanes }, (_, lane) => (
          <g key={lane}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(lane)} y2={y(lane)} stroke="#ddd" />
            <text x={LEFT - 8} y={y(lane) + 4} textAnchor="end" fontSize="11" fill="#333">
              {rows.length === 0 || lane >= rows.length
                ? t('network.timeline.allTowns')
                : rows[lane]}
            </text>
          </g>
        ))}
        {ticks.map((ms) => (
          <g key={ms}>
            <line x1={x(ms)} x2={x(ms)} y1={TOP} y2={TOP + lanes * ROW + 4} stroke="#eee" />
            <text x={x(ms)} y={height - 8} textAnchor="middle" fontSize="10" fill="#555">
              {formatDate(new Date(ms).toISOString(), lang)}
            </text>
          </g>
        ))}
        {entries.map((e) => (
          <circle
            key={e.advertId}
            cx={x(Date.parse(e.postedAt))}
            cy={y(laneOf(e.town))}
            r={5}
            fill="#0072B2"
            fillOpacity={0.75}
            stroke="#fff"
          >
            <title>
              {t('network.timeline.posting', {
                advert: e.externalId,
                date: formatDateTime(e.postedAt, lang),
              })}
            </title>
          </circle>
        ))}
      </svg>
    </section>
  );
}
