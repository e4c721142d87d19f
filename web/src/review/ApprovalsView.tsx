// Approvals for senior moderators: suspensions and referrals waiting for a second pair of eyes.
// Approving makes the decision take effect (a referral is sent); rejecting returns the item to the
// queue. Nobody approves their own decision (the server refuses; the screen says why).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { Decision, QueueItem } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { formatWeight } from '../util/format.ts';
import { DecisionSummary } from './AdvertView.tsx';
import { LevelBadge } from './badges.tsx';

type Pending = Decision & { item: QueueItem };

/** The approvals screen. */
export default function ApprovalsView() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const [pending, setPending] = useState<readonly Pending[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});

  const load = useCallback(() => {
    api<{ decisions: Pending[] }>('/review/approvals')
      .then((a) => setPending(a.decisions))
      .catch((err: unknown) =>
        setError(err instanceof ApiError ? err.message : t('errors.network')),
      );
  }, [t]);
  useEffect(load, [load]);

  const act = async (d: Pending, action: 'approve' | 'reject') => {
    setError(null);
    try {
      await api(`/review/decisions/${d.id}/${action}`, {
        method: 'POST',
        ...(action === 'reject' ? { body: notes[d.id] ? { note: notes[d.id] } : {} } : {}),
      });
      setStatus(action === 'approve' ? t('approvals.approved') : t('approvals.rejected'));
      load();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SAME_REVIEWER')
        setError(t('approvals.sameReviewer'));
      else setError(err instanceof ApiError ? err.message : t('errors.network'));
    }
  };

  const senior = can('review.decide_senior');
  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">{t('approvals.title')}</h1>
      <p className="muted">{t('approvals.intro')}</p>
      {!senior && <p className="callout">{t('approvals.notSenior')}</p>}
      <p role="status" className="notice">
        {status ?? ''}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {pending === null && !error && <p role="status">{t('common.loading')}</p>}
      {pending?.length === 0 && <p>{t('approvals.none')}</p>}
      {pending?.map((d) => (
        <article
          key={d.id}
          className="card approval"
          aria-labelledby={`ap-${d.id}`}
          data-decision-id={d.id}
        >
          <h2 id={`ap-${d.id}`}>
            <Link to={`/adverts/${encodeURIComponent(d.advertId)}`}>
              {d.item.title || d.item.externalId}
            </Link>
          </h2>
          <p className="meta">
            <LevelBadge level={d.item.level} />{' '}
            {t('advert.score', { score: formatWeight(d.item.score) })} · {d.item.town ?? ''}
          </p>
          <div>
            <DecisionSummary d={d} />
          </div>
          {senior && (
            <div className="approval-actions">
              <button
                type="button"
                className="primary"
                disabled={d.decidedBy.userId === me?.userId}
                onClick={() => void act(d, 'approve')}
              >
                {t('approvals.approve')}
              </button>
              <label htmlFor={`reject-note-${d.id}`} className="visually-hidden">
                {t('approvals.rejectNote')}
              </label>
              <input
                id={`reject-note-${d.id}`}
                placeholder={t('approvals.rejectNote')}
                value={notes[d.id] ?? ''}
                onChange={(e) => setNotes({ ...notes, [d.id]: e.target.value })}
              />
              <button
                type="button"
                className="secondary"
                disabled={d.decidedBy.userId === me?.userId}
                onClick={() => void act(d, 'reject')}
              >
                {t('approvals.reject')}
              </button>
              {d.decidedBy.userId === me?.userId && (
                <p className="small muted">{t('approvals.sameReviewer')}</p>
              )}
            </div>
          )}
        </article>
      ))}
    </section>
  );
}
