// The indicator catalogue: what each indicator looks for, why it matters, where the evidence for
// it comes from, its grade and weight. Evidence everywhere in the app links here.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { CATALOGUE_VERSION, entryId, INDICATORS } from './catalogue.ts';

/** The catalogue screen. */
export default function CatalogueView() {
  const { t } = useTranslation();
  const { hash } = useLocation();

  useEffect(() => {
    if (hash === '') return;
    const el = document.getElementById(entryId(decodeURIComponent(hash.slice(1))));
    if (el) {
      el.scrollIntoView();
      el.focus();
    }
  }, [hash]);

  return (
    <section aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t('catalogue.title')}</h1>
      <p className="muted">{t('catalogue.intro', { version: CATALOGUE_VERSION })}</p>
      {INDICATORS.map((i) => (
        <article key={i.id} id={entryId(i.id)} tabIndex={-1} className="card indicator-entry">
          <h2>{i.name}</h2>
          <p className="muted">
            <code>{i.id}</code> · {t(`families.${i.family}`, { defaultValue: i.family })} ·{' '}
            {t('catalogue.grade', { grade: i.grade })} ·{' '}
            {t('catalogue.weight', { weight: i.weight })}
          </p>
          <p>{i.description}</p>
          {i.why && (
            <>
              <h3>{t('catalogue.why')}</h3>
              <p>{i.why}</p>
            </>
          )}
          {i.source && (
            <>
              <h3>{t('catalogue.source')}</h3>
              <p className="small">{i.source}</p>
            </>
          )}
        </article>
      ))}
    </section>
  );
}
