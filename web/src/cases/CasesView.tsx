// The site's cases, newest first, and the form that opens a new one. A case gathers adverts and
// networks that belong together, with notes, for an investigation; opening one takes you to it.
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { Case, CaseSummary } from '../api/types.ts';
import { formatDateTime } from '../util/format.ts';

const TITLE_MAX = 200;
const SUMMARY_MAX = 4000;

/** The cases screen. */
export default function CasesView() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [cases, setCases] = useState<readonly CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api<{ cases: CaseSummary[] }>('/cases')
      .then((a) => setCases(a.cases))
      .catch((err: unknown) =>
        setError(err instanceof ApiError ? err.message : t('errors.network')),
      );
  }, [t]);
  useEffect(load, [load]);

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim() === '') {
      setFormError(t('cases.errors.title'));
      return;
    }
    setBusy(true);
    setFormError(null);
    api<{ case: Case }>('/cases', {
      method: 'POST',
      body: { title: title.trim(), ...(summary.trim() !== '' ? { summary: summary.trim() } : {}) },
    })
      .then((a) => navigate(`/cases/${encodeURIComponent(a.case.id)}`))
      .catch((err: unknown) => {
        setFormError(err instanceof ApiError ? err.message : t('errors.network'));
        setBusy(false);
      });
  };

  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">{t('cases.title')}</h1>
      <p className="muted">{t('cases.intro')}</p>
      {error && (
        <p className="error" role="alert">
          {t('errors.withDetail', { detail: error })}
        </p>
      )}
      <div className="cases-grid">
        <div>
          {cases === null && !error && <p role="status">{t('common.loading')}</p>}
          {cases?.length === 0 && <p>{t('cases.none')}</p>}
          {cases !== null && cases.length > 0 && (
            <div className="table-wrap">
              <table className="cases">
                <caption className="visually-hidden">{t('cases.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cases.cols.title')}</th>
                    <th scope="col">{t('cases.cols.status')}</th>
                    <th scope="col">{t('cases.cols.opened')}</th>
                    <th scope="col" className="num">
                      {t('cases.cols.members')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {cases.map((c) => (
                    <tr key={c.id} data-case-id={c.id}>
                      <td>
                        <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                      </td>
                      <td>{t(`cases.status.${c.status}`, { defaultValue: c.status })}</td>
                      <td>{formatDateTime(c.createdAt, i18n.language)}</td>
                      <td className="num">{c.itemCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <form className="card" onSubmit={create} aria-labelledby="new-case-title" noValidate>
          <h2 id="new-case-title">{t('cases.new.title')}</h2>
          <label htmlFor="case-title">{t('cases.new.name')}</label>
          <input
            id="case-title"
            value={title}
            maxLength={TITLE_MAX}
            onChange={(e) => setTitle(e.target.value)}
            required
            aria-invalid={formError !== null && title.trim() === ''}
            aria-describedby="case-form-error"
          />
          <label htmlFor="case-summary">{t('cases.new.summary')}</label>
          <textarea
            id="case-summary"
            rows={4}
            maxLength={SUMMARY_MAX}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            aria-describedby="case-summary-help"
          />
          <p id="case-summary-help" className="small muted">
            {t('cases.new.summaryHelp')}
          </p>
          <p id="case-form-error" className="error" role="alert">
            {formError ?? ''}
          </p>
          <button type="submit" className="primary" disabled={busy}>
            {t('cases.new.submit')}
          </button>
        </form>
      </div>
    </section>
  );
}
