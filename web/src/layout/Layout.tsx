// The frame of every signed-in screen: a skip link, the header (navigation by permission, the
// organisation switcher for people in several organisations, sign-out, shortcut help) and the main
// landmark. Focus moves to the main region on each navigation so screen readers follow along.
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext.tsx';
import { ShortcutsDialog } from '../shortcuts/ShortcutsDialog.tsx';
import { useShortcuts } from '../shortcuts/useShortcuts.ts';

/** The signed-in frame around a screen. */
export default function Layout() {
  const { t } = useTranslation();
  const { me, can, signOut, switchOrg } = useAuth();
  const [help, setHelp] = useState(false);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const location = useLocation();
  const navigate = useNavigate();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A link to a place on the page (#…) gives focus to that place; the screen does it.
    if (location.hash !== '') return;
    main.current?.focus();
  }, [location.pathname, location.hash]);

  useShortcuts({ '?': () => setHelp(true) });

  if (!me) return null;
  const currentOrg = me.orgs.find((o) => o.id === me.orgId);

  const nav = [
    { to: '/queue', label: t('nav.queue'), show: can('review.decide') },
    { to: '/approvals', label: t('nav.approvals'), show: can('review.decide_senior') },
    { to: '/appeals', label: t('nav.appeals'), show: can('review.decide') },
    { to: '/cases', label: t('nav.cases'), show: can('review.decide') },
    { to: '/calibration', label: t('nav.calibration'), show: can('review.decide') },
    { to: '/audit', label: t('nav.audit'), show: can('audit.read') },
    { to: '/catalogue', label: t('nav.catalogue'), show: true },
  ].filter((n) => n.show);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="header-row">
          <span className="brand">{t('app.name')}</span>
          <nav aria-label={t('nav.label')}>
            <ul>
              {nav.map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to}>{n.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-tools">
            {me.orgs.length > 1 ? (
              <div className="org-switch">
                <label htmlFor="org-switch">{t('header.organisation')}</label>
                <select
                  id="org-switch"
                  value={me.orgId}
                  onChange={(e) => {
                    setSwitchError(null);
                    switchOrg(e.target.value)
                      .then(() => navigate('/'))
                      .catch(() => setSwitchError(t('header.switchFailed')));
                  }}
                >
                  {me.orgs.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <span className="org-name">{currentOrg?.name}</span>
            )}
            <button type="button" className="link" onClick={() => setHelp(true)}>
              {t('header.shortcuts')}
            </button>
            <button type="button" className="secondary" onClick={() => void signOut()}>
              {t('header.signOut')}
            </button>
          </div>
        </div>
        {switchError && (
          <p className="error" role="alert">
            {switchError}
          </p>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </>
  );
}
