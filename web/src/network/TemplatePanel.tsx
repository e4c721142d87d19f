// The text the adverts share, with its slots (the parts that change: name, town, age…) marked,
// and the values each slot took.
import { useTranslation } from 'react-i18next';
import type { NetworkGraph } from './types.ts';

const PLACEHOLDER = /(<[a-z]+>)/g;
const IS_PLACEHOLDER = /^<[a-z]+>$/;

/** The shared template, or a line saying there is none. */
export default function TemplatePanel({ graph }: { graph: NetworkGraph }) {
  const { t } = useTranslation();
  const template = graph.template;
  if (template === null) {
    return (
      <section className="nv-template" aria-labelledby="nv-template-heading">
        <h2 id="nv-template-heading">{t('network.template.heading')}</h2>
        <p>{t('network.template.none')}</p>
      </section>
    );
  }
  const slotsOf = (placeholder: string) =>
    template.slots.filter((s) => s.placeholder === placeholder);
  const placeholderName = (p: string) => {
    const slot = slotsOf(p)[0];
    return slot ? t(`network.slots.${slot.name}`, { defaultValue: slot.name }) : p.slice(1, -1);
  };
  return (
    <section className="nv-template" aria-labelledby="nv-template-heading">
      <h2 id="nv-template-heading">{t('network.template.heading')}</h2>
      <p>{t('network.template.links', { count: template.links })}</p>
      <p className="nv-hint">{t('network.template.explain')}</p>
      <blockquote className="nv-template-text">
        {template.text.split(PLACEHOLDER).map((part, i) =>
          IS_PLACEHOLDER.test(part) ? (
            <mark
              key={i}
              className={slotsOf(part).length > 0 ? 'nv-slot nv-slot-differs' : 'nv-slot'}
            >
              {placeholderName(part)}
            </mark>
          ) : (
            <span key={i}>{part}</span>
          ),
        )}
      </blockquote>
      <dl className="nv-slots">
        {template.slots.map((s) => (
          <div key={s.name}>
            <dt>
              <mark className="nv-slot nv-slot-differs">
                {t(`network.slots.${s.name}`, { defaultValue: s.name })}
              </mark>
            </dt>
            <dd>{s.values.length > 0 ? s.values.join(', ') : t('network.template.noValues')}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
