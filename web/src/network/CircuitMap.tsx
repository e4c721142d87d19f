// The circuit of towns on a map of the United Kingdom, drawn with d3-geo from the Natural Earth
// outline that world-atlas ships (bundled: nothing is fetched, no tiles). Loaded lazily so the
// outline stays out of the view's first load. Towns are numbered in order of first posting and
// joined in that order; the list beside the map says the same in words.
import { geoMercator, geoPath } from 'd3-geo';
import type { GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { useTranslation } from 'react-i18next';
import world from 'world-atlas/countries-50m.json';
import { formatDate } from './format.ts';
import type { CircuitTown } from './types.ts';

/** ISO 3166-1 numeric code of the United Kingdom in world-atlas. */
const UK_ID = '826';
const WIDTH = 360;
const HEIGHT = 480;

function ukOutline(): GeoPermissibleObjects {
  const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
  const countries = topology.objects.countries;
  const uk = countries.geometries.find((g) => String(g.id) === UK_ID);
  if (uk === undefined) throw new Error('the United Kingdom is missing from world-atlas');
  return feature(topology, uk) as GeoPermissibleObjects;
}

// Worked out once per page load: the outline and the projection fitted to it.
const OUTLINE = ukOutline();
const PROJECTION = geoMercator().fitExtent(
  [
    [10, 10],
    [WIDTH - 10, HEIGHT - 10],
  ],
  OUTLINE,
);
const OUTLINE_PATH = geoPath(PROJECTION)(OUTLINE) ?? '';

/** The map and the ordered list of towns. */
export default function CircuitMap({ towns }: { towns: readonly CircuitTown[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n?.language ?? 'en-GB';
  const placed = towns.flatMap((town, i) => {
    if (town.lat === null || town.lon === null) return [];
    const xy = PROJECTION([town.lon, town.lat]);
    return xy === null ? [] : [{ town, order: i + 1, x: xy[0], y: xy[1] }];
  });
  const offMap = towns.length - placed.length;
  return (
    <div className="nv-map">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxWidth: WIDTH }}
        role="img"
        aria-label={t('network.map.label')}
      >
        <path d={OUTLINE_PATH} fill="#eef2f0" stroke="#7a8a80" strokeWidth={0.7} />
        {placed.length > 1 ? (
          <polyline
            points={placed.map((p) => `${p.x},${p.y}`).join(' ')}
            fill="none"
            stroke="#D55E00"
            strokeWidth={1.5}
            strokeDasharray="4 3"
          />
        ) : null}
        {placed.map((p) => (
          <g key={p.town.name}>
            <circle
              cx={p.x}
              cy={p.y}
              r={4 + Math.min(8, Math.sqrt(p.town.adverts) * 2)}
              fill="#0072B2"
              fillOpacity={0.8}
              stroke="#fff"
            >
              <title>{p.town.name}</title>
            </circle>
            <text
              x={p.x}
              y={p.y + 3.5}
              textAnchor="middle"
              fontSize="10"
              fontWeight="bold"
              fill="#fff"
            >
              {p.order}
            </text>
          </g>
        ))}
      </svg>
      <ol className="nv-town-list">
        {towns.map((town) => (
          <li key={town.name}>
            {t('network.map.item', {
              name: town.name,
              count: town.adverts,
              first: formatDate(town.first, lang),
              last: formatDate(town.last, lang),
            })}
          </li>
        ))}
      </ol>
      {offMap > 0 ? <p className="nv-hint">{t('network.map.offMap', { count: offMap })}</p> : null}
    </div>
  );
}
