// The network view (issue 5 §4): what an analyst needs to understand a network of linked adverts
// — the graph of adverts and what joins them (with tables as its accessible alternative), the
// timeline of postings, the circuit of towns on a map, and the text template they share. Mounted
// by the app at /networks/:id; the map loads lazily so its outline stays out of the first load.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import GraphPanel from './GraphPanel.tsx';
import GraphTables from './GraphTables.tsx';
import { ensureNetworkMessages } from './messages.ts';
import TemplatePanel from './TemplatePanel.tsx';
import Timeline from './Timeline.tsx';
import { useNetworkGraph } from './useNetworkGraph.ts';
import './network.css';

const CircuitMap = lazy(() => import('./CircuitMap.tsx'));

export interface NetworkViewProps {
  /** The network's id, as in /api/v1/networks/:id. */
  readonly networkId: string;
}

/** The network view of one network. */
export default function NetworkView({ networkId }: NetworkViewProps) {
  const { t, i18n } = useTranslation();
  ensureNetworkMessages(i18n);
  const { state, retry } = useNetworkGraph(networkId);

  if (state.status === 'loading') {
    return (
      <div className="nv" aria-busy="true">
        <h1>{t('network.title', { id: networkId })}</h1>
        <p role="status">{t('network.loading')}</p>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="nv">
        <h1>{t('network.title', { id: networkId })}</h1>
        <p role="alert">
          {state.code === 404
            ? t('network.notFound')
            : t('network.error', { status: state.code || '—' })}
        </p>
        {state.code !== 404 ? (
          <button type="button" onClick={retry}>
            {t('network.retry')}
          </button>
        ) : null}
      </div>
    );
  }

  const { graph } = state;
  const n = graph.network;
  return (
    <div className="nv">
      <h1>{t('network.title', { id: n.id })}</h1>
      <p className="nv-summary">
        {t('network.summary', {
          shown: n.shown,
          size: n.size,
          level: t(`network.levels.${n.level}`, { defaultValue: n.level }),
          score: Math.round(n.score * 10) / 10,
        })}
      </p>
      {n.truncated ? (
        <p className="nv-notice" role="note">
          {t('network.truncated', { shown: n.shown })}
        </p>
      ) : null}
      {!n.personal ? (
        <p className="nv-notice" role="note">
          {t('network.redacted')}
        </p>
      ) : null}
      <GraphPanel graph={graph} />
      <div className="nv-columns">
        <Timeline graph={graph} />
        <section className="nv-circuit" aria-labelledby="nv-map-heading">
          <h2 id="nv-map-heading">{t('network.map.heading')}</h2>
          {graph.towns.length === 0 ? (
            <p>{t('network.map.none')}</p>
          ) : (
            <Suspense fallback={<p role="status">{t('network.map.loading')}</p>}>
              <CircuitMap towns={graph.towns} />
            </Suspense>
          )}
        </section>
      </div>
      <TemplatePanel graph={graph} />
      <GraphTables graph={graph} />
    </div>
  );
}
