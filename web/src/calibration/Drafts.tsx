// Catalogue drafts on the calibration screen. A senior moderator proposes weight changes from the
// decisions so far: 201 stores a draft, 200 means the decisions support no change (each indicator's
// reason is shown). Each draft lists its changes (from → to, and why), links to its catalogue YAML,
// and can be approved or rejected by a senior moderator other than its proposer. Approval is a
// recorded decision only: the operator deploys the approved catalogue; live weights never change here.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { CatalogueDraft, WeightProposal } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { catalogueHref, indicatorName } from '../catalogue/catalogue.ts';
import { formatDateTime, formatWeight } from '../util/format.ts';
import { percent } from './format.ts';

/** Why each indicator keeps its weight, from a proposal that changed nothing. */
function Unchanged({ proposal }: { proposal: WeightProposal }) {
  const { t } = useTranslation();
  return (
    <div className="card unchanged" data-testid="proposal-unchanged">
      <p className="callout">{t('calibration.drafts.noChange', { decided: proposal.decided })}</p>
      <details open={proposal.unchanged.length <= 12}>
        <summary>{t('calibration.drafts.unchanged', { count: proposal.unchanged.length })}</summary>
        <ul className="plain-list">
          {proposal.unchanged.map((u) => (
            <li key={u.indicator}>
              <Link to={catalogueHref(u.indicator)}>{indicatorName(u.indicator)}</Link>: {u.reason}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** One draft with its changes and, for senior moderators, approve and reject. */
function DraftCard({
  draft,
  senior,
  mine,
  onReviewed,
}: {
  draft: CatalogueDraft;
  senior: boolean;
  mine: boolean;
  onReviewed: (d: CatalogueDraft) => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const review = (action: 'approve' | 'reject') => {
    setBusy(true);
    setError(null);
    api<{ draft: CatalogueDraft }>(
      `/calibration/drafts/${encodeURIComponent(draft.id)}/${action}`,
      { method: 'POST' },
    )
      .then((a) => onReviewed(a.draft))
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.code === 'SAME_REVIEWER') {
          setError(t('calibration.drafts.sameReviewer'));
        } else if (err instanceof ApiError && err.code === 'CONFLICT') {
          setError(t('calibration.drafts.alreadyReviewed'));
        } else setError(err instanceof ApiError ? err.message : t('errors.network'));
      })
      .finally(() => setBusy(false));
  };

  const titleId = `draft-${draft.id}`;
  return (
    <article className="card draft" aria-labelledby={titleId} data-draft-id={draft.id}>
      <h3 id={titleId}>
        {t('calibration.drafts.draftTitle', { version: draft.version, base: draft.baseVersion })}{' '}
        <span className={`badge draft-${draft.status}`}>
          {t(`calibration.drafts.status.${draft.status}`)}
        </span>
      </h3>
      <p className="meta">
        {t('calibration.drafts.proposedBy', {
          name: draft.proposedBy.displayName ?? t('claim.someone'),
          at: formatDateTime(draft.proposedAt, lng),
        })}
        {draft.reviewedBy && draft.reviewedAt && (
          <>
            {' · '}
            {t(
              draft.status === 'approved'
                ? 'calibration.drafts.approvedBy'
                : 'calibration.drafts.rejectedBy',
              {
                name: draft.reviewedBy.displayName ?? t('claim.someone'),
                at: formatDateTime(draft.reviewedAt, lng),
              },
            )}
          </>
        )}
      </p>
      <div className="table-wrap">
        <table className="draft-changes">
          <caption className="visually-hidden">
            {t('calibration.drafts.changesCaption', { version: draft.version })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('calibration.drafts.cols.indicator')}</th>
              <th scope="col">{t('calibration.drafts.cols.weight')}</th>
              <th scope="col">{t('calibration.drafts.cols.evidence')}</th>
              <th scope="col">{t('calibration.drafts.cols.why')}</th>
            </tr>
          </thead>
          <tbody>
            {draft.proposal.changes.map((c) => (
              <tr key={c.indicator}>
                <th scope="row">
                  <Link to={catalogueHref(c.indicator)}>{indicatorName(c.indicator)}</Link>
                </th>
                <td className="weight-change">
                  {t('calibration.drafts.fromTo', {
                    from: formatWeight(c.from, true),
                    to: formatWeight(c.to, true),
                  })}
                </td>
                <td>
                  {t('calibration.drafts.evidence', {
                    confirmed: c.confirmed,
                    fired: c.fired,
                    precision: percent(c.precision, lng),
                    low: percent(c.interval.low, lng),
                    high: percent(c.interval.high, lng),
                  })}
                </td>
                <td>{c.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a
          href={`/api/v1/calibration/drafts/${encodeURIComponent(draft.id)}/catalogue`}
          download={`indicators-${draft.version}.yaml`}
        >
          {t('calibration.drafts.download', { version: draft.version })}
        </a>
      </p>
      {draft.status === 'approved' && (
        <p className="callout">{t('calibration.drafts.approvedNext')}</p>
      )}
      {senior && draft.status === 'proposed' && (
        <div className="approval-actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => review('approve')}
          >
            {t('calibration.drafts.approve')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => review('reject')}
          >
            {t('calibration.drafts.reject')}
          </button>
          {mine && <p className="small muted">{t('calibration.drafts.yours')}</p>}
        </div>
      )}
      <p className="error" role="alert">
        {error ?? ''}
      </p>
    </article>
  );
}

/** The drafts section: propose (senior moderators), and every draft of the site. */
export function Drafts() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const senior = can('review.decide_senior');
  const [drafts, setDrafts] = useState<readonly CatalogueDraft[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unchanged, setUnchanged] = useState<WeightProposal | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      api<{ drafts: CatalogueDraft[] }>('/calibration/drafts')
        .then((a) => setDrafts(a.drafts))
        .catch((err: unknown) =>
          setError(err instanceof ApiError ? err.message : t('errors.network')),
        ),
    [t],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const propose = () => {
    setBusy(true);
    setError(null);
    setStatus(null);
    setUnchanged(null);
    api<{ draft: CatalogueDraft | null; proposal: WeightProposal }>('/calibration/drafts', {
      method: 'POST',
    })
      .then(async (a) => {
        if (a.draft === null) {
          setUnchanged(a.proposal);
          setStatus(t('calibration.drafts.noChangeStatus'));
        } else {
          await load();
          setStatus(
            t('calibration.drafts.proposed', {
              version: a.draft.version,
              count: a.draft.proposal.changes.length,
            }),
          );
        }
      })
      .catch((err: unknown) =>
        setError(err instanceof ApiError ? err.message : t('errors.network')),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="drafts-title" className="drafts">
      <h2 id="drafts-title">{t('calibration.drafts.title')}</h2>
      <p className="callout">{t('calibration.drafts.notLive')}</p>
      {senior ? (
        <p>
          <button type="button" className="primary" disabled={busy} onClick={propose}>
            {t('calibration.drafts.propose')}
          </button>
        </p>
      ) : (
        <p className="small muted">{t('calibration.drafts.seniorOnly')}</p>
      )}
      <p role="status" className="notice">
        {status ?? ''}
      </p>
      {error && (
        <p className="error" role="alert">
          {t('errors.withDetail', { detail: error })}
        </p>
      )}
      {unchanged && <Unchanged proposal={unchanged} />}
      {drafts === null && !error && <p role="status">{t('common.loading')}</p>}
      {drafts?.length === 0 && <p className="muted">{t('calibration.drafts.none')}</p>}
      {drafts?.map((d) => (
        <DraftCard
          key={d.id}
          draft={d}
          senior={senior}
          mine={d.proposedBy.userId !== null && d.proposedBy.userId === me?.userId}
          onReviewed={(reviewed) => {
            setDrafts((all) => (all ?? []).map((x) => (x.id === reviewed.id ? reviewed : x)));
            setStatus(
              reviewed.status === 'approved'
                ? t('calibration.drafts.approvedStatus')
                : t('calibration.drafts.rejectedStatus'),
            );
          }}
        />
      ))}
    </section>
  );
}
