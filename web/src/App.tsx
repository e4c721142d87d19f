// Routes of the app. Sign-in, the frame and the queue load with the app; every other screen is a
// separate chunk loaded on first use (React.lazy), which keeps the first load small.
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useParams } from 'react-router';
import { useAuth } from './auth/AuthContext.tsx';
import SignIn from './auth/SignIn.tsx';
import Layout from './layout/Layout.tsx';
import QueueView from './review/QueueView.tsx';

const AdvertView = lazy(() => import('./review/AdvertView.tsx'));
const ApprovalsView = lazy(() => import('./review/ApprovalsView.tsx'));
const AppealsView = lazy(() => import('./appeals/AppealsView.tsx'));
const AuditView = lazy(() => import('./audit/AuditView.tsx'));
const CalibrationView = lazy(() => import('./calibration/CalibrationView.tsx'));
const CasesView = lazy(() => import('./cases/CasesView.tsx'));
const CaseView = lazy(() => import('./cases/CaseView.tsx'));
const CatalogueView = lazy(() => import('./catalogue/CatalogueView.tsx'));
const NetworkView = lazy(() => import('./network/NetworkView.tsx'));

function NetworkRoute() {
  const { id } = useParams();
  return <NetworkView networkId={id ?? ''} />;
}

/** Where a person lands: the queue for reviewers, else the first screen they may use. */
function Home() {
  const { can } = useAuth();
  if (can('review.decide')) return <Navigate to="/queue" replace />;
  if (can('audit.read')) return <Navigate to="/audit" replace />;
  return <Navigate to="/catalogue" replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="nf-title">
      <h1 id="nf-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
    </section>
  );
}

/** The app: sign-in until someone is fully signed in, then the routed screens. */
export default function App() {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (me === undefined) {
    return (
      <main id="main">
        <p role="status">{t('common.loading')}</p>
      </main>
    );
  }
  if (me === null) return <SignIn />;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="queue" element={<QueueView />} />
        <Route path="review/:itemId" element={<AdvertView />} />
        <Route path="adverts/:advertId" element={<AdvertView />} />
        <Route path="approvals" element={<ApprovalsView />} />
        <Route path="appeals" element={<AppealsView />} />
        <Route path="cases" element={<CasesView />} />
        <Route path="cases/:id" element={<CaseView />} />
        <Route path="calibration" element={<CalibrationView />} />
        <Route path="audit" element={<AuditView />} />
        <Route path="catalogue" element={<CatalogueView />} />
        <Route path="networks/:id" element={<NetworkRoute />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
