// The interactive graph: cytoscape draws adverts and the identifiers, photos and texts that join
// them, each kind in its own shape and colour (see the key). A link's reason shows when pointed
// at, and when its entry in the side list of links has keyboard focus, so the graph can be read
// without a mouse; GraphTables gives the same information as tables.
import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, EventObject, StylesheetJson } from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KindIcon } from './KindIcon.tsx';
import { edgeColour, KIND_STYLES, LEVEL_COLOURS } from './kinds.ts';
import { NODE_KINDS } from './types.ts';
import type { GraphEdge, NetworkGraph } from './types.ts';

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 9,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': '90px',
      color: '#222',
      width: 18,
      height: 18,
      'background-color': 'data(colour)',
      shape: 'data(shape)' as never,
    },
  },
  {
    selector: 'node[kind = "advert"]',
    style: { width: 24, height: 24, 'border-width': 3, 'border-color': 'data(border)' },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': 'data(colour)',
      'curve-style': 'bezier',
      opacity: 0.7,
    },
  },
  { selector: 'edge[type = "text"]', style: { 'line-style': 'dashed' } },
  { selector: 'edge[type = "image"][?direct]', style: { 'line-style': 'dotted', width: 2 } },
  {
    selector: '.active',
    style: { width: 4, opacity: 1, 'line-color': '#000', 'z-index': 10 },
  },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#000' } },
];

function elementsOf(graph: NetworkGraph): ElementDefinition[] {
  return [
    ...graph.nodes.map((n) => ({
      group: 'nodes' as const,
      data: {
        id: n.id,
        kind: n.kind,
        label: n.label,
        colour: KIND_STYLES[n.kind].colour,
        shape: KIND_STYLES[n.kind].shape,
        border: LEVEL_COLOURS[n.level ?? 'none'] ?? '#8a8a8a',
      },
    })),
    ...graph.edges.map((e) => ({
      group: 'edges' as const,
      data: {
        id: e.id,
        source: e.source,
        target: e.target,
        type: e.type,
        colour: edgeColour(e.type),
        // An image edge straight between two adverts is a near-copy, not one shared photo.
        direct: e.type === 'image' && !e.target.startsWith('p:'),
      },
    })),
  ];
}

/** The graph with its key, the reason of the link in focus, and the list of links. */
export default function GraphPanel({ graph }: { graph: NetworkGraph }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const labels = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n.label])), [graph]);
  const edgesById = useMemo(() => new Map(graph.edges.map((e) => [e.id, e])), [graph]);
  const kinds = useMemo(
    () => NODE_KINDS.filter((k) => graph.nodes.some((n) => n.kind === k)),
    [graph],
  );

  useEffect(() => {
    if (container.current === null) return;
    const reduced =
      typeof window.matchMedia === 'function' &&
      window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const instance = cytoscape({
      container: container.current,
      elements: elementsOf(graph),
      style: STYLE,
      layout: {
        name: 'cose',
        animate: !reduced && graph.nodes.length < 200,
        randomize: false,
        nodeDimensionsIncludeLabels: true,
        // Pull leaves (identifiers and photos of a few adverts) in close to their adverts.
        idealEdgeLength: () => 50,
        gravity: 1.5,
        numIter: 1500,
      } as cytoscape.LayoutOptions,
      minZoom: 0.1,
      maxZoom: 4,
    });
    instance.on('mouseover', 'edge', (e: EventObject) => setActive(e.target.id() as string));
    instance.on('mouseout', 'edge', () => setActive(null));
    instance.on('tap', 'edge', (e: EventObject) => setActive(e.target.id() as string));
    cy.current = instance;
    return () => {
      cy.current = null;
      instance.destroy();
    };
  }, [graph]);

  // Highlight the link in focus in the drawing.
  useEffect(() => {
    const c = cy.current;
    if (c === null) return;
    c.edges('.active').removeClass('active');
    if (active !== null) c.getElementById(active).addClass('active');
  }, [active]);

  const activeEdge: GraphEdge | undefined = active === null ? undefined : edgesById.get(active);
  const name = (id: string) => labels.get(id) ?? id;

  return (
    <section className="nv-graph" aria-labelledby="nv-graph-heading">
      <h2 id="nv-graph-heading">{t('network.graph.heading')}</h2>
      <p className="nv-hint">{t('network.graph.hint')}</p>
      <div className="nv-graph-body">
        <div className="nv-graph-main">
          <div
            ref={container}
            className="nv-canvas"
            data-testid="network-graph"
            role="img"
            aria-label={t('network.graph.label')}
          />
          <p className="nv-reason" aria-live="polite">
            {activeEdge
              ? t('network.graph.reason', {
                  source: name(activeEdge.source),
                  target: name(activeEdge.target),
                  reason: activeEdge.reason,
                })
              : t('network.graph.reasonNone')}
          </p>
          <figure className="nv-legend">
            <figcaption>{t('network.graph.legend')}</figcaption>
            <ul>
              {kinds.map((k) => (
                <li key={k}>
                  <KindIcon kind={k} /> {t(`network.kinds.${k}`)}
                </li>
              ))}
              <li>{t('network.graph.advertBorder')}</li>
            </ul>
          </figure>
        </div>
        <section className="nv-edge-list" aria-labelledby="nv-edge-list-heading">
          <h3 id="nv-edge-list-heading">
            {t('network.edges.heading', { count: graph.edges.length })}
          </h3>
          {graph.edges.length === 0 ? (
            <p>{t('network.edges.none')}</p>
          ) : (
            <ul>
              {graph.edges.map((e) => (
                <li key={e.id}>
                  <button
                    type="button"
                    className={active === e.id ? 'nv-edge nv-edge-active' : 'nv-edge'}
                    aria-describedby={active === e.id ? 'nv-edge-reason' : undefined}
                    onFocus={() => setActive(e.id)}
                    onBlur={() => setActive((a) => (a === e.id ? null : a))}
                    onMouseEnter={() => setActive(e.id)}
                    onMouseLeave={() => setActive((a) => (a === e.id ? null : a))}
                    onClick={() => {
                      const c = cy.current;
                      if (c !== null) c.animate({ center: { eles: c.getElementById(e.id) } });
                    }}
                  >
                    {t('network.edges.item', {
                      source: name(e.source),
                      target: name(e.target),
                      type: t(`network.linkTypes.${e.type}`, { defaultValue: e.type }),
                    })}
                  </button>
                  {active === e.id ? (
                    <span id="nv-edge-reason" className="nv-edge-reason">
                      {e.reason}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}
