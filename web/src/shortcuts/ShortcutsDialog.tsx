// The "?" help: every keyboard shortcut, in a modal dialog (the browser's own <dialog>, which
// traps focus and closes on Escape).
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const GROUPS = [
  {
    title: 'shortcuts.queue',
    keys: [
      ['j', 'shortcuts.keys.down'],
      ['k', 'shortcuts.keys.up'],
      ['Enter', 'shortcuts.keys.open'],
      ['n', 'shortcuts.keys.next'],
    ],
  },
  {
    title: 'shortcuts.advert',
    keys: [
      ['1–6', 'shortcuts.keys.outcome'],
      ['n', 'shortcuts.keys.next'],
    ],
  },
  { title: 'shortcuts.anywhere', keys: [['?', 'shortcuts.keys.help']] },
] as const;

/** The shortcuts dialog; `open` is controlled by the layout. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d === null) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="shortcuts-title" className="dialog">
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      {GROUPS.map((g) => (
        <section key={g.title}>
          <h3>{t(g.title)}</h3>
          <dl className="shortcut-list">
            {g.keys.map(([k, label]) => (
              <div key={k}>
                <dt>
                  <kbd>{k}</kbd>
                </dt>
                <dd>{t(label)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <form method="dialog">
        <button type="submit" className="primary">
          {t('common.close')}
        </button>
      </form>
    </dialog>
  );
}
