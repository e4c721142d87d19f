// Appeals: advertisers' challenges to decisions, sent by their site. Each opens a review item that
// a reviewer who took no part in the original decision hears.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { Appeal } from '../api/types.ts';
import { formatDateTime } from '../util/format.ts';

/** The appeals screen. */
export default function AppealsView() {
  const { t, i18n } = useTranslation();
  const [appeals, setAppeals] = useState<readonly Appeal[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ appeals: Appeal[] }>('/appeals')
      .then((a) => setAppeals(a.appeals))
      .catch((err: unknown) =>
        setError(err instanceof ApiError ? err.message : t('errors.network')),
      );
  }, [t]);

  return (
    <section aria-labelledby="appeals-title">
      <h1 id="appeals-title">{t('appeals.title')}</h1>
      <p className="muted">{t('appeals.intro')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {appeals === null && !error && <p role="status">{t('common.loading')}</p>}
      {appeals?.length === 0 && <p>{t('appeals.none')}</p>}
      {appeals && appeals.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('appeals.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('appeals.cols.advert')}</th>
                <th scope="col">{t('appeals.cols.filed')}</th>
                <th scope="col">{t('appeals.cols.status')}</th>
                <th scope="col">{t('appeals.cols.outcome')}</th>
                <th scope="col">{t('appeals.cols.action')}</th>
              </tr>
            </thead>
            <tbody>
              {appeals.map((a) => (
                <tr key={a.id} data-appeal-id={a.id}>
                  <td>
                    <Link to={`/adverts/${encodeURIComponent(a.advertId)}`}>{a.externalId}</Link>
                  </td>
                  <td>{formatDateTime(a.createdAt, i18n.language)}</td>
                  <td>{t(`appeals.status.${a.status}`)}</td>
                  <td>{a.outcome ? t(`appeals.outcome.${a.outcome}`) : '—'}</td>
                  <td>
                    {a.status === 'open' ? (
                      <Link to={`/review/${a.itemId}`}>{t('appeals.hear')}</Link>
                    ) : (
                      formatDateTime(a.resolvedAt, i18n.language)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
