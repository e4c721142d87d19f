// The review queue: the site's open items in priority order, with filters (level, family,
// indicator, town, posting dates), who holds each claim, and time in the queue against the
// site's target. Keyboard: j/k move, Enter opens, n claims the next item, ? lists the keys.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { QueueItem, QueuePage } from '../api/types.ts';
import { INDICATORS } from '../catalogue/catalogue.ts';
import { useShortcuts } from '../shortcuts/useShortcuts.ts';
import { formatMinutes, formatWeight } from '../util/format.ts';
import { claimNext, fetchQueue, FILTER_KEYS, filtersFrom } from './api.ts';
import { ClaimBadge, LevelBadge } from './badges.tsx';

const FAMILIES = ['text', 'image', 'account', 'network'] as const;

/** The queue screen. */
export default function QueueView() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const filterKey = params.toString();
  const [page, setPage] = useState<QueuePage | null>(null);
  const [items, setItems] = useState<readonly QueueItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sel, setSel] = useState(0);
  const rows = useRef<(HTMLAnchorElement | null)[]>([]);

  useEffect(() => {
    let live = true;
    setError(null);
    fetchQueue(filtersFrom(new URLSearchParams(filterKey)))
      .then((p) => {
        if (!live) return;
        setPage(p);
        setItems(p.items);
        setSel(0);
      })
      .catch((err: unknown) => {
        if (live) setError(err instanceof ApiError ? err.message : t('errors.network'));
      });
    return () => {
      live = false;
    };
  }, [filterKey, t]);

  const loadMore = async () => {
    if (!page?.nextCursor) return;
    try {
      const next = await fetchQueue(filters, page.nextCursor);
      setPage(next);
      setItems((old) => [...old, ...next.items]);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.network'));
    }
  };

  const next = useCallback(async () => {
    setNotice(null);
    try {
      const item = await claimNext(filtersFrom(new URLSearchParams(filterKey)));
      if (item === null) setNotice(t('queue.nothingNext'));
      else navigate(`/review/${item.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }, [filterKey, navigate, t]);

  const move = (delta: number) => {
    if (items.length === 0) return;
    const to = Math.min(items.length - 1, Math.max(0, sel + delta));
    setSel(to);
    rows.current[to]?.focus();
  };

  useShortcuts({
    j: () => move(1),
    k: () => move(-1),
    Enter: () => {
      const item = items[sel];
      if (item) navigate(`/review/${item.id}`);
    },
    n: () => void next(),
  });

  const onFilter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const out = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = data.get(k);
      if (typeof v === 'string' && v.trim() !== '') out.set(k, v.trim());
    }
    setParams(out);
  };

  return (
    <section aria-labelledby="queue-title">
      <div className="title-row">
        <h1 id="queue-title">{t('queue.title')}</h1>
        <button type="button" className="primary" onClick={() => void next()}>
          {t('queue.next')} <kbd>n</kbd>
        </button>
      </div>
      {page && (
        <p className="counts">
          {t('queue.counts', {
            open: page.counts.open,
            mine: page.counts.claimedByMe,
            awaiting: page.counts.awaitingApproval,
            overdue: page.counts.overdue,
          })}{' '}
          · {t('queue.target', { time: formatMinutes(page.targetMinutes, t) })}
        </p>
      )}
      <form className="filters" onSubmit={onFilter} aria-label={t('queue.filters.label')}>
        <div>
          <label htmlFor="f-level">{t('queue.filters.level')}</label>
          <select
            id="f-level"
            name="level"
            defaultValue={filters.level ?? ''}
            key={`l${filterKey}`}
          >
            <option value="">{t('queue.filters.any')}</option>
            <option value="high">{t('levels.high')}</option>
            <option value="medium">{t('levels.medium')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-family">{t('queue.filters.family')}</label>
          <select
            id="f-family"
            name="family"
            defaultValue={filters.family ?? ''}
            key={`f${filterKey}`}
          >
            <option value="">{t('queue.filters.any')}</option>
            {FAMILIES.map((f) => (
              <option key={f} value={f}>
                {t(`families.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-indicator">{t('queue.filters.indicator')}</label>
          <select
            id="f-indicator"
            name="indicator"
            defaultValue={filters.indicator ?? ''}
            key={`i${filterKey}`}
          >
            <option value="">{t('queue.filters.any')}</option>
            {INDICATORS.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-town">{t('queue.filters.town')}</label>
          <input id="f-town" name="town" defaultValue={filters.town ?? ''} key={`t${filterKey}`} />
        </div>
        <div>
          <label htmlFor="f-from">{t('queue.filters.postedFrom')}</label>
          <input
            id="f-from"
            name="postedFrom"
            type="date"
            defaultValue={filters.postedFrom ?? ''}
            key={`a${filterKey}`}
          />
        </div>
        <div>
          <label htmlFor="f-to">{t('queue.filters.postedTo')}</label>
          <input
            id="f-to"
            name="postedTo"
            type="date"
            defaultValue={filters.postedTo ?? ''}
            key={`b${filterKey}`}
          />
        </div>
        <div className="filter-actions">
          <button type="submit" className="secondary">
            {t('queue.filters.apply')}
          </button>
          <button type="button" className="link" onClick={() => setParams(new URLSearchParams())}>
            {t('queue.filters.clear')}
          </button>
        </div>
      </form>
      <p role="status" className="notice">
        {notice ?? ''}
      </p>
      {error && (
        <p className="error" role="alert">
          {t('errors.withDetail', { detail: error })}
        </p>
      )}
      {page === null && !error && <p role="status">{t('common.loading')}</p>}
      {page !== null && items.length === 0 && <p>{t('queue.empty')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="queue">
            <caption className="visually-hidden">{t('queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.cols.advert')}</th>
                <th scope="col">{t('queue.cols.level')}</th>
                <th scope="col">{t('queue.cols.score')}</th>
                <th scope="col">{t('queue.cols.town')}</th>
                <th scope="col">{t('queue.cols.network')}</th>
                <th scope="col">{t('queue.cols.time')}</th>
                <th scope="col">{t('queue.cols.claim')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => (
                <tr
                  key={item.id}
                  className={i === sel ? 'selected' : undefined}
                  aria-current={i === sel ? 'true' : undefined}
                  data-item-id={item.id}
                >
                  <td>
                    {item.kind === 'appeal' && (
                      <span className="badge appeal">{t('queue.appeal')}</span>
                    )}{' '}
                    <Link
                      to={`/review/${item.id}`}
                      ref={(el) => {
                        rows.current[i] = el;
                      }}
                      onFocus={() => setSel(i)}
                    >
                      {item.title || item.externalId}
                    </Link>
                    <div className="small muted">{item.externalId}</div>
                  </td>
                  <td>
                    <LevelBadge level={item.level} />
                  </td>
                  <td className="num">{formatWeight(item.score)}</td>
                  <td>{item.town ?? '—'}</td>
                  <td>
                    {item.networkId
                      ? t('queue.networkSize', {
                          count: item.networkSize,
                          towns: item.networkTowns,
                        })
                      : '—'}
                  </td>
                  <td>
                    <span className={item.overdue ? 'overdue' : undefined}>
                      {formatMinutes(item.minutesInQueue, t)}
                    </span>
                    {item.overdue && (
                      <span className="badge overdue-badge">{t('queue.overdue')}</span>
                    )}
                  </td>
                  <td>
                    <ClaimBadge item={item} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page?.nextCursor && (
        <button type="button" className="secondary" onClick={() => void loadMore()}>
          {t('queue.more')}
        </button>
      )}
      <p className="small muted">{t('queue.keysHint')}</p>
    </section>
  );
}
