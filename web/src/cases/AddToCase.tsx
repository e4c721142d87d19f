// "Add to case" on the advert screen: choose one of the site's existing cases and add the advert
// to it (adding it twice changes nothing). New cases are opened on the cases screen.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { CaseSummary } from '../api/types.ts';

/** The control for advert `advertId` (Beacon's id). */
export function AddToCase({ advertId }: { advertId: string }) {
  const { t } = useTranslation();
  const [cases, setCases] = useState<readonly CaseSummary[] | null>(null);
  const [caseId, setCaseId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<CaseSummary | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api<{ cases: CaseSummary[] }>('/cases')
      .then((a) => {
        if (!live) return;
        const open = a.cases.filter((c) => c.status === 'open');
        setCases(open);
        setCaseId(open[0]?.id ?? '');
      })
      .catch((err: unknown) => {
        if (live) setError(err instanceof ApiError ? err.message : t('errors.network'));
      });
    return () => {
      live = false;
    };
  }, [t]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosen = cases?.find((c) => c.id === caseId);
    if (!chosen) {
      setError(t('cases.addToCase.choose'));
      return;
    }
    setBusy(true);
    setError(null);
    setAdded(null);
    api(`/cases/${encodeURIComponent(chosen.id)}/members`, { method: 'POST', body: { advertId } })
      .then(() => setAdded(chosen))
      .catch((err: unknown) =>
        setError(err instanceof ApiError ? err.message : t('errors.network')),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="card add-to-case" onSubmit={submit} aria-labelledby="add-to-case-title">
      <h2 id="add-to-case-title">{t('cases.addToCase.title')}</h2>
      {cases === null && !error && <p role="status">{t('common.loading')}</p>}
      {cases?.length === 0 && (
        <p className="muted">
          {t('cases.addToCase.none')} <Link to="/cases">{t('cases.addToCase.open')}</Link>
        </p>
      )}
      {cases !== null && cases.length > 0 && (
        <>
          <label htmlFor="add-to-case">{t('cases.addToCase.label')}</label>
          <select id="add-to-case" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>{' '}
          <button type="submit" className="secondary" disabled={busy}>
            {t('cases.addToCase.submit')}
          </button>
        </>
      )}
      <p className="error" role="alert">
        {error ?? ''}
      </p>
      <p role="status" className="notice">
        {added ? (
          <>
            {t('cases.addToCase.added')}{' '}
            <Link to={`/cases/${encodeURIComponent(added.id)}`}>{added.title}</Link>
          </>
        ) : (
          ''
        )}
      </p>
    </form>
  );
}
