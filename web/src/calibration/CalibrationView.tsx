// Calibration: how the site's own decisions bear out the screening. Each indicator's measured
// precision with its 95% interval (most-fired first), and the false-positive rate by stated
// nationality and by language, with groups cleared significantly more often than the rest flagged
// (and small groups left unjudged). Senior moderators can propose weight changes from here and
// review drafts (components in Drafts.tsx); nothing on this screen changes a live weight.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { CalibrationReport, FairnessReport, IndicatorPrecision } from '../api/types.ts';
import { catalogueHref } from '../catalogue/catalogue.ts';
import { Drafts } from './Drafts.tsx';
import { groupLabel, percent, pValue } from './format.ts';
import { IntervalBar } from './IntervalBar.tsx';

/** The interval as text and as a bar, or a dash when there is none. */
function IntervalCell({
  interval,
  estimate,
  tone,
}: {
  interval: { low: number; high: number } | null;
  estimate: number | null;
  tone?: 'neutral' | 'flagged';
}) {
  const { t, i18n } = useTranslation();
  if (interval === null) return <span className="muted">–</span>;
  return (
    <span className="interval">
      <IntervalBar
        low={interval.low}
        high={interval.high}
        estimate={estimate}
        {...(tone ? { tone } : {})}
      />{' '}
      <span>
        {t('calibration.interval', {
          low: percent(interval.low, i18n.language),
          high: percent(interval.high, i18n.language),
        })}
      </span>
    </span>
  );
}

/** A row of the indicator table. */
function IndicatorRow({ row }: { row: IndicatorPrecision }) {
  const { t, i18n } = useTranslation();
  return (
    <tr data-indicator={row.indicator}>
      <th scope="row">
        <Link to={catalogueHref(row.indicator)}>{row.name}</Link>{' '}
        <span className={`badge fam-${row.family}`}>
          {t(`families.${row.family}`, { defaultValue: row.family })}
        </span>
      </th>
      <td className="num">{row.fired}</td>
      <td className="num">{row.confirmed}</td>
      <td className="num">{row.inconclusive}</td>
      <td className="num">{percent(row.precision, i18n.language)}</td>
      <td>
        <IntervalCell interval={row.interval} estimate={row.precision} />
      </td>
    </tr>
  );
}

/** The indicators' measured precision, most-fired first. */
function IndicatorTable({ rows }: { rows: readonly IndicatorPrecision[] }) {
  const { t } = useTranslation();
  const sorted = [...rows].sort(
    (a, b) => b.fired - a.fired || b.inconclusive - a.inconclusive || a.name.localeCompare(b.name),
  );
  const fired = sorted.filter((r) => r.fired > 0 || r.inconclusive > 0);
  const never = sorted.filter((r) => r.fired === 0 && r.inconclusive === 0);
  const head = (
    <thead>
      <tr>
        <th scope="col">{t('calibration.indicators.cols.indicator')}</th>
        <th scope="col" className="num">
          {t('calibration.indicators.cols.fired')}
        </th>
        <th scope="col" className="num">
          {t('calibration.indicators.cols.confirmed')}
        </th>
        <th scope="col" className="num">
          {t('calibration.indicators.cols.inconclusive')}
        </th>
        <th scope="col" className="num">
          {t('calibration.indicators.cols.precision')}
        </th>
        <th scope="col">{t('calibration.indicators.cols.interval')}</th>
      </tr>
    </thead>
  );
  return (
    <>
      {fired.length === 0 ? (
        <p className="muted">{t('calibration.indicators.noneFired')}</p>
      ) : (
        <div className="table-wrap">
          <table className="calibration-indicators">
            <caption className="visually-hidden">{t('calibration.indicators.caption')}</caption>
            {head}
            <tbody>
              {fired.map((r) => (
                <IndicatorRow key={r.indicator} row={r} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {never.length > 0 && (
        <details className="never-fired">
          <summary>{t('calibration.indicators.neverFired', { count: never.length })}</summary>
          <ul className="plain-list">
            {never.map((r) => (
              <li key={r.indicator}>
                <Link to={catalogueHref(r.indicator)}>{r.name}</Link>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** The false-positive rates of one grouping, with the flagged and unjudged groups marked. */
function FairnessTable({ report }: { report: FairnessReport }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const id = `fairness-${report.by}`;
  const flagged = report.groups.filter((g) => g.flagged);
  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <h3 id={`${id}-title`}>{t(`calibration.fairness.by.${report.by}`)}</h3>
      <p className={flagged.length > 0 ? 'callout warn' : 'small muted'}>
        {flagged.length > 0
          ? t('calibration.fairness.flaggedSummary', {
              count: flagged.length,
              groups: flagged
                .map((g) =>
                  groupLabel(g.group, report.by, lng, t('calibration.fairness.notStated')),
                )
                .join(', '),
            })
          : t('calibration.fairness.noneFlagged')}
      </p>
      <div className="table-wrap">
        <table className="fairness" data-testid={id}>
          <caption className="visually-hidden">
            {t(`calibration.fairness.caption.${report.by}`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(`calibration.fairness.cols.group.${report.by}`)}</th>
              <th scope="col" className="num">
                {t('calibration.fairness.cols.reviewed')}
              </th>
              <th scope="col" className="num">
                {t('calibration.fairness.cols.falsePositives')}
              </th>
              <th scope="col" className="num">
                {t('calibration.fairness.cols.rate')}
              </th>
              <th scope="col">{t('calibration.fairness.cols.interval')}</th>
              <th scope="col">{t('calibration.fairness.cols.assessment')}</th>
            </tr>
          </thead>
          <tbody>
            <tr className="overall">
              <th scope="row">{t('calibration.fairness.overall')}</th>
              <td className="num">{report.overall.reviewed}</td>
              <td className="num">{report.overall.falsePositives}</td>
              <td className="num">{percent(report.overall.rate, lng)}</td>
              <td>
                <IntervalCell interval={report.overall.interval} estimate={report.overall.rate} />
              </td>
              <td className="muted">{t('calibration.fairness.baseline')}</td>
            </tr>
            {report.groups.map((g) => (
              <tr
                key={g.group}
                className={g.flagged ? 'flagged' : g.tooFew ? 'too-few' : undefined}
                data-group={g.group}
              >
                <th scope="row">
                  {groupLabel(g.group, report.by, lng, t('calibration.fairness.notStated'))}
                </th>
                <td className="num">{g.reviewed}</td>
                <td className="num">{g.falsePositives}</td>
                <td className="num">{percent(g.rate, lng)}</td>
                <td>
                  <IntervalCell
                    interval={g.interval}
                    estimate={g.rate}
                    tone={g.flagged ? 'flagged' : 'neutral'}
                  />
                </td>
                <td>
                  {g.flagged ? (
                    <span className="flag">
                      <span className="flag-icon" aria-hidden="true">
                        ▲
                      </span>{' '}
                      <strong>{t('calibration.fairness.flagged')}</strong>
                      {g.pValue !== null && (
                        <span className="small">
                          {' '}
                          {t('calibration.fairness.pValue', { p: pValue(g.pValue, lng) })}
                        </span>
                      )}
                    </span>
                  ) : g.tooFew ? (
                    <span className="muted">{t('calibration.fairness.tooFew')}</span>
                  ) : (
                    t('calibration.fairness.noDifference')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.groups.length === 0 && <p className="muted">{t('calibration.fairness.noGroups')}</p>}
    </section>
  );
}

/** The calibration screen. */
export default function CalibrationView() {
  const { t } = useTranslation();
  const [report, setReport] = useState<CalibrationReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api<CalibrationReport>('/calibration')
      .then((r) => {
        if (live) setReport(r);
      })
      .catch((err: unknown) => {
        if (live) setError(err instanceof ApiError ? err.message : t('errors.network'));
      });
    return () => {
      live = false;
    };
  }, [t]);

  return (
    <section aria-labelledby="calibration-title" className="calibration">
      <h1 id="calibration-title">{t('calibration.title')}</h1>
      <p className="muted">{t('calibration.intro')}</p>

      <section aria-labelledby="counting-title" className="card">
        <h2 id="counting-title">{t('calibration.counting.title')}</h2>
        <dl className="counting">
          <div>
            <dt>{t('calibration.counting.confirmed')}</dt>
            <dd>{t('calibration.counting.confirmedBody')}</dd>
          </div>
          <div>
            <dt>{t('calibration.counting.falsePositive')}</dt>
            <dd>{t('calibration.counting.falsePositiveBody')}</dd>
          </div>
          <div>
            <dt>{t('calibration.counting.inconclusive')}</dt>
            <dd>{t('calibration.counting.inconclusiveBody')}</dd>
          </div>
        </dl>
        <p className="small">{t('calibration.counting.once')}</p>
        <p className="small">{t('calibration.counting.interval')}</p>
      </section>

      {error && (
        <p className="error" role="alert">
          {t('errors.withDetail', { detail: error })}
        </p>
      )}
      {report === null && !error && <p role="status">{t('common.loading')}</p>}
      {report !== null && (
        <>
          <p className="counts" data-testid="calibration-counts">
            {t('calibration.counts', {
              reviewed: report.reviewed,
              decided: report.decided,
              confirmed: report.confirmed,
              version: report.catalogueVersion,
            })}
          </p>
          <section aria-labelledby="indicators-title">
            <h2 id="indicators-title">{t('calibration.indicators.title')}</h2>
            <p className="small muted">{t('calibration.indicators.intro')}</p>
            <IndicatorTable rows={report.indicators} />
          </section>
          <section aria-labelledby="fairness-title">
            <h2 id="fairness-title">{t('calibration.fairness.title')}</h2>
            <p className="small muted">{t('calibration.fairness.intro')}</p>
            <FairnessTable report={report.fairness.nationality} />
            <FairnessTable report={report.fairness.language} />
          </section>
        </>
      )}
      <Drafts />
    </section>
  );
}
