// The graph's accessible alternative: every node and every link, with its reason, as tables.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './format.ts';
import { KindIcon } from './KindIcon.tsx';
import type { NetworkGraph } from './types.ts';

/** Nodes and links of the graph as two tables. */
export default function GraphTables({ graph }: { graph: NetworkGraph }) {
  const { t, i18n } = useTranslation();
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const lang = i18n?.language ?? 'en-GB';
  return (
    <section className="nv-tables" aria-labelledby="nv-tables-heading">
      <h2 id="nv-tables-heading">{t('network.tables.heading')}</h2>
      <div className="nv-table-wrap">
        <table>
          <caption>{t('network.tables.nodes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('network.tables.kind')}</th>
              <th scope="col">{t('network.tables.label')}</th>
              <th scope="col">{t('network.tables.level')}</th>
              <th scope="col">{t('network.tables.town')}</th>
              <th scope="col">{t('network.tables.posted')}</th>
              <th scope="col">{t('network.tables.adverts')}</th>
            </tr>
          </thead>
          <tbody>
            {graph.nodes.map((n) => (
              <tr key={n.id}>
                <td>
                  <KindIcon kind={n.kind} size={12} /> {t(`network.kinds.${n.kind}`)}
                </td>
                <th scope="row">{n.label}</th>
                <td>{n.level ? t(`network.levels.${n.level}`, { defaultValue: n.level }) : ''}</td>
                <td>{n.town ?? ''}</td>
                <td>{n.kind === 'advert' ? formatDateTime(n.postedAt, lang) : ''}</td>
                <td>{n.adverts ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="nv-table-wrap">
        <table>
          <caption>{t('network.tables.edges')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('network.tables.from')}</th>
              <th scope="col">{t('network.tables.to')}</th>
              <th scope="col">{t('network.tables.type')}</th>
              <th scope="col">{t('network.tables.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {graph.edges.map((e) => (
              <tr key={e.id}>
                <td>{labels.get(e.source) ?? e.source}</td>
                <td>{labels.get(e.target) ?? e.target}</td>
                <td>{t(`network.linkTypes.${e.type}`, { defaultValue: e.type })}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
