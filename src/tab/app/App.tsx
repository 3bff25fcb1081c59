import { useEffect, useState } from 'react';
import type { Services } from '../compositionRoot.js';
import type { ThemeName } from '../host/host.types.js';
import { ActionsPage } from '../pages/ActionsPage.js';
import { AuditWorkspacePage } from '../audit/AuditWorkspacePage.js';
import { FeedbackPage } from '../pages/FeedbackPage.js';
import { MyAuditsPage } from '../pages/MyAuditsPage.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { ProgrammePage } from '../pages/ProgrammePage.js';
import { ReportsPage } from '../pages/ReportsPage.js';
import { type Route, routeFromDeepLink, useHashRoute } from './router.js';
import { ServicesProvider } from './ServicesContext.js';
import { Shell } from './Shell/Shell.js';

function Page({ route }: { route: Route }) {
  switch (route.area) {
    case 'myAudits':
      return <MyAuditsPage />;
    case 'programme':
      return <ProgrammePage />;
    case 'reports':
      return <ReportsPage />;
    case 'actions':
      return <ActionsPage />;
    case 'feedback':
      return <FeedbackPage />;
    case 'audit':
      return <AuditWorkspacePage id={route.id} />;
    case 'notFound':
      return <NotFoundPage path={route.path} />;
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
        <Page key={visit} route={route} />
      </Shell>
    </ServicesProvider>
  );
}
