import { Spinner } from '@fluentui/react-components';
import { type ComponentType, lazy, Suspense, useEffect, useState } from 'react';

// The first view is My audits (every person's landing page); every other page is its own chunk,
// fetched when a person first opens it, so the first screen waits on none of them.
function page<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType<PropsOf<M[K]>> })));
}
type PropsOf<C> = C extends ComponentType<infer P> ? P : never;
const AuditWorkspacePage = page(
  () => import(/* webpackChunkName: "audit" */ '../audit/AuditWorkspacePage.js'),
  'AuditWorkspacePage',
);
const CommissionPage = page(
  () => import(/* webpackChunkName: "commission" */ '../pages/CommissionPage.js'),
  'CommissionPage',
);
const ProgrammePage = page(
  () => import(/* webpackChunkName: "programme" */ '../pages/ProgrammePage.js'),
  'ProgrammePage',
);
const ReportsPage = page(
  () => import(/* webpackChunkName: "reports" */ '../pages/ReportsPage.js'),
  'ReportsPage',
);
const ActionsPage = page(
  () => import(/* webpackChunkName: "actions" */ '../pages/ActionsPage.js'),
  'ActionsPage',
);
const OverviewPage = page(
  () => import(/* webpackChunkName: "overview" */ '../pages/OverviewPage.js'),
  'OverviewPage',
);
const RegisterPage = page(
  () => import(/* webpackChunkName: "register" */ '../pages/RegisterPage.js'),
  'RegisterPage',
);
const FeedbackPage = page(
  () => import(/* webpackChunkName: "feedback" */ '../pages/FeedbackPage.js'),
  'FeedbackPage',
);
const FeedbackItemPage = page(
  () => import(/* webpackChunkName: "feedback-item" */ '../pages/FeedbackItemPage.js'),
  'FeedbackItemPage',
);
const AuditFeedbackPage = page(
  () => import(/* webpackChunkName: "audit-feedback" */ '../pages/AuditFeedbackPage.js'),
  'AuditFeedbackPage',
);
const MySignOffsPage = page(
  () => import(/* webpackChunkName: "signoffs" */ '../pages/MySignOffsPage.js'),
  'MySignOffsPage',
);
import type { Services } from '../compositionRoot.js';
import type { ThemeName } from '../host/host.types.js';
import { MyAuditsPage } from '../pages/MyAuditsPage.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { NotSharedPage } from '../pages/NotSharedPage.js';
import { type Action, AREAS_FOR, may, refusal, type SiteRole } from '../../domain/access.js';
import { NotificationSender } from '../services/NotificationSender.js';
import { type Route, routeFromDeepLink, useHashRoute } from '../routing/router.js';
import { ServicesProvider } from '../services/ServicesContext.js';
import { Shell } from './Shell/Shell.js';

/** The page of a route, or the plain refusal when the person's role does not reach it. */
function Page({ route, role }: { route: Route; role: SiteRole }) {
  const refused = refusedAction(route, role);
  if (refused) return <NotSharedPage sentence={refusal(refused)} />;
  switch (route.area) {
    case 'overview':
      return <OverviewPage />;
    case 'myAudits':
      return <MyAuditsPage />;
    case 'register':
      return <RegisterPage filters={route.filters} />;
    case 'programme':
      return <ProgrammePage />;
    case 'reports':
      return <ReportsPage />;
    case 'actions':
      return <ActionsPage {...(route.actionId ? { actionId: route.actionId } : {})} />;
    case 'feedback':
      return <FeedbackPage />;
    case 'feedbackItem':
      return <FeedbackItemPage id={route.id} />;
    case 'auditFeedback':
      return <AuditFeedbackPage auditId={route.auditId} />;
    case 'audit':
      return <AuditWorkspacePage id={route.id} />;
    case 'commission':
      return (
        <CommissionPage
          themeId={route.themeId}
          {...(route.reauditOf ? { reauditOf: route.reauditOf } : {})}
        />
      );
    case 'signOffs':
      return <MySignOffsPage />;
    case 'notFound':
      return <NotFoundPage path={route.path} />;
  }
}

function refusedAction(route: Route, role: SiteRole): Action | undefined {
  const check = (action: Action) => (may(role, action) ? undefined : action);
  switch (route.area) {
    case 'audit':
    case 'signOffs':
    case 'auditFeedback':
      return check({ kind: 'openAudit' });
    // SharePoint decides: the practitioner's own feedback opens, anyone else's is a 404.
    case 'feedbackItem':
      return check({ kind: 'openArea', area: 'feedback' });
    case 'commission':
      return check({ kind: 'commission' });
    case 'notFound':
      return undefined;
    default:
      return check({ kind: 'openArea', area: route.area });
  }
}

export function App({
  services,
  theme,
  onThemeChange,
}: {
  services: Services;
  theme: ThemeName;
  onThemeChange: (t: ThemeName) => void;
}) {
  const { route, visit, navigate } = useHashRoute();
  const { session } = services;
  // A Teams deep link names its record once, when the tab opens.
  const [deepLink] = useState(() => routeFromDeepLink(session.deepLink));
  useEffect(() => {
    if (deepLink) navigate(deepLink);
    // The business manager lands on the overview of the year; everyone else on My audits.
    else if (services.role === 'businessManager' && /^#?\/?$/.test(window.location.hash))
      navigate({ area: 'overview' });
    session.notifyReady();
    // Only at start: later navigation is the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const local = session.kind === 'local';
  return (
    <ServicesProvider services={services}>
      <Shell
        appName="Case audit"
        userName={session.user.displayName}
        route={route}
        areas={AREAS_FOR[services.role]}
        theme={theme}
        {...(local
          ? {
              onThemeChange,
              notice:
                'Local mode on the Graph emulator. Every person, case and record here is fictional.',
            }
          : {})}
        {...(session.signOut ? { onSignOut: session.signOut } : {})}
      >
        <NotificationSender services={services}>
          <Suspense fallback={<Spinner size="small" label="Opening…" />}>
            <Page key={visit} route={route} role={services.role} />
          </Suspense>
        </NotificationSender>
      </Shell>
    </ServicesProvider>
  );
}
