// One advert under review: its text with the evidence highlighted, the score chart and reasons,
// the account, payer and verification facts, images (blurred until revealed), version and
// decision history, linked adverts with why they are linked, its network, "add to case", and —
// when opened from the queue — the claim and the decision panel. /review/:itemId claims the item on opening;
// /adverts/:advertId shows the advert alone.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { AdvertDetail, Decision, QueueItem, Reason } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { AddToCase } from '../cases/AddToCase.tsx';
import { useShortcuts } from '../shortcuts/useShortcuts.ts';
import { formatDateTime, formatWeight, languageName } from '../util/format.ts';
import { claimNext } from './api.ts';
import { ClaimBadge, LevelBadge } from './badges.tsx';
import { DecisionPanel } from './DecisionPanel.tsx';
import { EvidenceRef, HighlightedText, ReasonList, ScoreChart } from './Evidence.tsx';
import { Images } from './Images.tsx';

type ClaimState =
  | { kind: 'none' }
  | { kind: 'mine' }
  | { kind: 'other'; name: string | null }
  | { kind: 'same-reviewer' }
  | { kind: 'closed' };

/** Reasons whose field evidence points at `field` (or a path under it, e.g. "phones[1]"). */
function refsFor(reasons: readonly Reason[], field: string): number[] {
  const out: number[] = [];
  reasons.forEach((r, i) => {
    if (
      r.evidence.some(
        (e) =>
          e.kind === 'field' &&
          (e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`)),
      )
    ) {
      out.push(i);
    }
  });
  return out;
}

/** The advert screen. */
export default function AdvertView() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { itemId, advertId: advertParam } = useParams();
  const [item, setItem] = useState<QueueItem | null>(null);
  const [claim, setClaim] = useState<ClaimState>({ kind: 'none' });
  const [advert, setAdvert] = useState<AdvertDetail | null>(null);
  const [history, setHistory] = useState<readonly Decision[] | null>(null);
  const [decided, setDecided] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setItem(null);
    setAdvert(null);
    setDecided(null);
    setHistory(null);
    setError(null);
    setNotice(null);
    setClaim({ kind: 'none' });
    const fail = (err: unknown) => {
      if (live) setError(err instanceof ApiError ? err.message : t('errors.network'));
    };
    (async () => {
      let advertId = advertParam ?? '';
      if (itemId) {
        const got = await api<{ item: QueueItem }>(`/review/items/${encodeURIComponent(itemId)}`);
        let current = got.item;
        advertId = current.advertId;
        if (current.status === 'open' || current.status === 'claimed') {
          try {
            current = (
              await api<{ item: QueueItem }>(`/review/items/${encodeURIComponent(itemId)}/claim`, {
                method: 'POST',
              })
            ).item;
            if (live) setClaim({ kind: 'mine' });
          } catch (err) {
            if (!(err instanceof ApiError)) throw err;
            if (err.code === 'REVIEW_CLAIMED') {
              if (live) setClaim({ kind: 'other', name: current.claim?.displayName ?? null });
            } else if (err.code === 'APPEAL_SAME_REVIEWER') {
              if (live) setClaim({ kind: 'same-reviewer' });
            } else throw err;
          }
        } else if (live) setClaim({ kind: 'closed' });
        if (live) setItem(current);
      }
      const detail = await api<AdvertDetail>(
        `/adverts/${encodeURIComponent(advertId)}?reason=${itemId ? 'review' : 'lookup'}`,
      );
      if (!live) return;
      setAdvert(detail);
      try {
        const h = await api<{ decisions: Decision[] }>(
          `/adverts/${encodeURIComponent(advertId)}/decisions`,
        );
        if (live) setHistory(h.decisions);
      } catch {
        if (live) setHistory([]);
      }
    })().catch(fail);
    return () => {
      live = false;
    };
  }, [itemId, advertParam, t]);

  const next = useCallback(async () => {
    try {
      const n = await claimNext({});
      if (n === null) setNotice(t('queue.nothingNext'));
      else navigate(`/review/${n.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }, [navigate, t]);

  const release = async () => {
    if (!item) return;
    try {
      await api(`/review/items/${item.id}/release`, { method: 'POST' });
      navigate('/queue');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.network'));
    }
  };

  useShortcuts({ n: () => void next() }, itemId !== undefined);

  if (error) {
    return (
      <section aria-labelledby="advert-title">
        <h1 id="advert-title">{t('advert.title')}</h1>
        <p className="error" role="alert">
          {t('errors.withDetail', { detail: error })}
        </p>
        <p>
          <Link to="/queue">{t('advert.backToQueue')}</Link>
        </p>
      </section>
    );
  }
  if (!advert) return <p role="status">{t('common.loading')}</p>;

  const c = advert.content;
  const reasons = advert.reasons;
  const title = c?.title ?? item?.title ?? advert.externalId;
  const facts: { key: string; field: string; label: string; value: string | null }[] = c
    ? [
        { key: 'name', field: 'name', label: t('advert.facts.name'), value: c.name ?? null },
        {
          key: 'age',
          field: 'age',
          label: t('advert.facts.age'),
          value: c.age?.toString() ?? null,
        },
        { key: 'town', field: 'town', label: t('advert.facts.town'), value: c.town ?? null },
        {
          key: 'posted',
          field: 'postedAt',
          label: t('advert.facts.posted'),
          value: formatDateTime(advert.postedAt ?? c.postedAt, i18n.language) || null,
        },
        {
          key: 'account',
          field: 'accountId',
          label: t('advert.facts.account'),
          value: c.accountId ?? null,
        },
        {
          key: 'payer',
          field: 'payerId',
          label: t('advert.facts.payer'),
          value: c.payerId ?? null,
        },
        {
          key: 'verifiedAge',
          field: 'verified.age',
          label: t('advert.facts.verifiedAge'),
          value:
            c.verified?.age === undefined
              ? null
              : c.verified.age
                ? t('common.yes')
                : t('common.no'),
        },
        {
          key: 'verifiedIdentity',
          field: 'verified.identity',
          label: t('advert.facts.verifiedIdentity'),
          value:
            c.verified?.identity === undefined
              ? null
              : c.verified.identity
                ? t('common.yes')
                : t('common.no'),
        },
        {
          key: 'phones',
          field: 'phones',
          label: t('advert.facts.phones'),
          value: c.phones?.join(', ') || null,
        },
        {
          key: 'emails',
          field: 'emails',
          label: t('advert.facts.emails'),
          value: c.emails?.join(', ') || null,
        },
      ]
    : [];

  const linked = new Map<number, { type: string; detail: string }[]>();
  for (const l of advert.links) {
    const detail =
      typeof l.detail === 'string'
        ? l.detail
        : l.detail !== null && typeof l.detail === 'object' && 'detail' in l.detail
          ? String((l.detail as { detail: unknown }).detail)
          : '';
    linked.set(l.advertId, [...(linked.get(l.advertId) ?? []), { type: l.type, detail }]);
  }

  return (
    <article aria-labelledby="advert-title" className="advert">
      <div className="title-row">
        <div>
          <h1 id="advert-title">{title}</h1>
          <p className="meta">
            <LevelBadge level={advert.level} />{' '}
            {t('advert.score', { score: formatWeight(advert.score) })} ·{' '}
            <code data-testid="external-id">{advert.externalId}</code> · {advert.site} ·{' '}
            {t('advert.catalogueVersion', { version: advert.catalogueVersion })}
            {item?.kind === 'appeal' && (
              <>
                {' '}
                · <span className="badge appeal">{t('queue.appeal')}</span>
              </>
            )}
          </p>
        </div>
        {itemId && (
          <div className="actions">
            {claim.kind === 'mine' && !decided && (
              <button type="button" className="secondary" onClick={() => void release()}>
                {t('advert.release')}
              </button>
            )}
            <button type="button" className="primary" onClick={() => void next()}>
              {t('queue.next')} <kbd>n</kbd>
            </button>
          </div>
        )}
      </div>
      <p role="status" className="notice">
        {notice ?? ''}
      </p>
      {item && claim.kind === 'mine' && !decided && (
        <p className="callout">{t('advert.claimedByYou')}</p>
      )}
      {claim.kind === 'other' && (
        <p className="callout warn">
          {t('advert.claimedByOther', { name: claim.name ?? t('claim.someone') })}
        </p>
      )}
      {claim.kind === 'same-reviewer' && <p className="callout warn">{t('advert.sameReviewer')}</p>}
      {claim.kind === 'closed' && item && (
        <p className="callout">
          {t('advert.closed')} <ClaimBadge item={item} />
        </p>
      )}

      <div className="advert-grid">
        <div className="advert-main">
          <section aria-labelledby="text-title" className="card">
            <h2 id="text-title">{t('advert.text')}</h2>
            {c === null ? (
              <p className="muted">{t('advert.noContent')}</p>
            ) : (
              <>
                <p className="advert-title-text">
                  <HighlightedText text={c.title ?? ''} field="title" reasons={reasons} />
                </p>
                <p className="advert-text">
                  <HighlightedText text={c.text ?? ''} field="text" reasons={reasons} />
                </p>
              </>
            )}
          </section>

          {c !== null && (
            <section aria-labelledby="facts-title" className="card">
              <h2 id="facts-title">{t('advert.factsTitle')}</h2>
              <dl className="facts">
                {facts.map((f) => {
                  const refs = refsFor(reasons, f.field);
                  return (
                    <div key={f.key}>
                      <dt>{f.label}</dt>
                      <dd>
                        {f.value === null ? (
                          <span className="muted">{t('common.notGiven')}</span>
                        ) : refs.length > 0 ? (
                          <mark className={`fam-${reasons[refs[0]!]!.family}`}>{f.value}</mark>
                        ) : (
                          f.value
                        )}
                        {refs.map((r) => (
                          <EvidenceRef key={r} reasons={reasons} index={r} />
                        ))}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </section>
          )}

          {c !== null && (
            <section aria-labelledby="images-title" className="card">
              <h2 id="images-title">{t('advert.images.title')}</h2>
              <Images key={advert.id} images={c.images ?? []} />
            </section>
          )}

          <section aria-labelledby="links-title" className="card">
            <h2 id="links-title">{t('advert.links.title')}</h2>
            {advert.networkId && (
              <p>
                <Link to={`/networks/${encodeURIComponent(advert.networkId)}`}>
                  {t('advert.links.network', { id: advert.networkId })}
                </Link>
              </p>
            )}
            {linked.size === 0 ? (
              <p className="muted">{t('advert.links.none')}</p>
            ) : (
              <ul className="links">
                {[...linked].slice(0, 100).map(([id, ls]) => (
                  <li key={id}>
                    <Link to={`/adverts/${id}`}>{t('advert.links.advert', { id })}</Link>
                    <ul>
                      {ls.map((l, i) => (
                        <li key={i}>
                          <span className="badge">
                            {t(`linkTypes.${l.type}`, { defaultValue: l.type })}
                          </span>{' '}
                          {l.detail}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="versions-title" className="card">
            <h2 id="versions-title">{t('advert.versions.title')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('advert.versions.version')}</th>
                  <th scope="col">{t('advert.versions.received')}</th>
                </tr>
              </thead>
              <tbody>
                {advert.versions.map((v) => (
                  <tr key={v.version}>
                    <td>
                      {v.version}
                      {v.version === advert.version && ` ${t('advert.versions.current')}`}
                    </td>
                    <td>{formatDateTime(v.receivedAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section aria-labelledby="history-title" className="card">
            <h2 id="history-title">{t('advert.history.title')}</h2>
            {history === null ? (
              <p role="status">{t('common.loading')}</p>
            ) : history.length === 0 ? (
              <p className="muted">{t('advert.history.none')}</p>
            ) : (
              <ul className="history">
                {history.map((d) => (
                  <li key={d.id}>
                    <DecisionSummary d={d} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <aside className="advert-side" aria-label={t('advert.sideLabel')}>
          <section aria-labelledby="score-title" className="card">
            <h2 id="score-title">{t('advert.why')}</h2>
            <ScoreChart reasons={reasons} score={advert.score} />
            <ReasonList reasons={reasons} />
          </section>
          {item && claim.kind === 'mine' && !decided && (
            <DecisionPanel
              key={item.id}
              item={item}
              onDecided={(d) => {
                setDecided(d);
                setHistory((h) => [d, ...(h ?? [])]);
              }}
            />
          )}
          {decided && (
            <section className="card" aria-labelledby="decided-title">
              <h2 id="decided-title">{t('decision.recorded')}</h2>
              <p role="status">
                {decided.status === 'pending_approval'
                  ? t('decision.sentForApproval')
                  : t('decision.final')}
              </p>
              <button type="button" className="primary" autoFocus onClick={() => void next()}>
                {t('queue.next')} <kbd>n</kbd>
              </button>{' '}
              <Link to="/queue">{t('advert.backToQueue')}</Link>
            </section>
          )}
          {can('review.decide') && <AddToCase key={advert.id} advertId={String(advert.id)} />}
        </aside>
      </div>
      {decided?.language && (
        <p className="small muted">
          {t('decision.languageUsed', { language: languageName(decided.language, i18n.language) })}
        </p>
      )}
    </article>
  );
}

/** One decision in a history list. */
export function DecisionSummary({ d }: { d: Decision }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <strong>{t(`outcomes.${d.outcome}`)}</strong> · <code>{d.reasonCode}</code> ·{' '}
      {t(`decisionStatus.${d.status}`)} ·{' '}
      {t('decision.by', {
        name: d.decidedBy.displayName,
        at: formatDateTime(d.decidedAt, i18n.language),
      })}
      {d.approvedBy &&
        ` · ${t('decision.approvedBy', { name: d.approvedBy.displayName, at: formatDateTime(d.approvedAt, i18n.language) })}`}
      {d.note && <p className="note">{d.note}</p>}
    </>
  );
}
