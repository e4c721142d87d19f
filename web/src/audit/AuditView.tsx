// The organisation's audit trail, newest first: who did what to which record, and the reason
// code where there is one (never note text). Older pages load on request.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { AuditEvent } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { formatDateTime } from '../util/format.ts';

/** The audit screen. */
export default function AuditView() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const [events, setEvents] = useState<readonly AuditEvent[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (after?: number) => {
    try {
      const page = await api<{ events: AuditEvent[]; next: number | null }>(
        `/audit?limit=100${after ? `&after=${after}` : ''}`,
      );
      setEvents((old) => (after ? [...(old ?? []), ...page.events] : page.events));
      setNext(page.next);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.network'));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const who = (e: AuditEvent) => {
    if (e.actorUserId && e.actorUserId === me?.userId) return t('audit.you');
    if (e.actorUserId) return t('audit.person', { id: e.actorUserId.slice(0, 8) });
    if (e.actorApiKeyId) return t('audit.apiKey', { id: e.actorApiKeyId.slice(0, 8) });
    return t('audit.system');
  };

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {events === null && !error && <p role="status">{t('common.loading')}</p>}
      {events && (
        <div className="table-wrap">
          <table className="audit">
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.cols.when')}</th>
                <th scope="col">{t('audit.cols.action')}</th>
                <th scope="col">{t('audit.cols.who')}</th>
                <th scope="col">{t('audit.cols.target')}</th>
                <th scope="col">{t('audit.cols.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.seq} data-action={e.action}>
                  <td>{formatDateTime(e.at, i18n.language)}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{who(e)}</td>
                  <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—'}</td>
                  <td>{e.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null && (
        <button type="button" className="secondary" onClick={() => void load(next)}>
          {t('audit.older')}
        </button>
      )}
    </section>
  );
}
