import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type * as CompositionRoot from '../compositionRoot.js';
import type { Services } from '../compositionRoot.js';
import { appConfig, type HostStart, startHost } from '../host/startHost.js';
import { NotSharedError } from '../services/NotSharedError.js';
import type { HostSession, ThemeName } from '../host/host.types.js';
import { type LocalPerson, savedTheme, startLocalSession } from '../host/localHost.js';
import { NotSharedPage } from '../pages/NotSharedPage.js';
import { LocalSignIn } from '../signIn/LocalSignIn.js';
import { THEMES } from '../themes.js';
import { App } from './App.js';
import { ChannelTabConfig } from './ChannelTabConfig.js';
import { MESSAGES, type UserMessage } from '../../domain/messages.js';
import { UserMessageText } from '../components/UserMessage/UserMessage.js';

/**
 * The composition root and the graph layer are a chunk of their own, so the first screen never
 * waits on them: in local mode they download while the person picks who they are; in Teams and
 * the browser, while the host initialises and signs in.
 */
let compositionRoot: Promise<typeof CompositionRoot> | undefined;
const loadCompositionRoot = () =>
  (compositionRoot ??= import(/* webpackChunkName: "services" */ '../compositionRoot.js'));
/** Ahead of need; a failed download is forgotten, so the real load (and "Try again") asks again. */
const prefetchCompositionRoot = () =>
  void loadCompositionRoot().catch(() => (compositionRoot = undefined));

type BootState =
  | { readonly kind: 'starting'; readonly step: string }
  | { readonly kind: 'signIn'; readonly start: Extract<HostStart, { kind: 'localSignIn' }> }
  | { readonly kind: 'config'; readonly session: HostSession }
  | { readonly kind: 'ready'; readonly services: Services }
  | { readonly kind: 'failed'; readonly message: UserMessage }
  /** Signed in, but outside the partnership: a plain page, not an error. */
  | { readonly kind: 'notShared'; readonly message: string; readonly signOut?: () => void };

/** From nothing to a signed-in tab: host, sign-in, services; each failure said plainly, with a retry. */
export function Boot() {
  const [state, setState] = useState<BootState>({ kind: 'starting', step: 'Starting' });
  const [theme, setTheme] = useState<ThemeName>(savedTheme());
  const [attempt, setAttempt] = useState(0);

  const open = useCallback(async (session: HostSession) => {
    setTheme(session.theme);
    session.onThemeChange(setTheme);
    if (session.isConfigPage) {
      setState({ kind: 'config', session });
      return;
    }
    setState({ kind: 'starting', step: 'Opening the partnership site' });
    const { composeServices } = await loadCompositionRoot();
    try {
      setState({ kind: 'ready', services: await composeServices(appConfig(), session) });
    } catch (e) {
      if (!(e instanceof NotSharedError)) throw e;
      setState({
        kind: 'notShared',
        message: e.message,
        ...(session.signOut ? { signOut: session.signOut } : {}),
      });
    }
  }, []);

  useEffect(() => {
    let live = true;
    // A tenant build signs in through Teams or MSAL first: fetch the services meanwhile.
    if (appConfig().mode === 'tenant') prefetchCompositionRoot();
    (async () => {
      const start = await startHost(appConfig());
      if (!live) return;
      if (start.kind === 'redirecting') setState({ kind: 'starting', step: 'Signing in' });
      else if (start.kind === 'localSignIn') {
        setState({ kind: 'signIn', start });
        // The picker is the first screen: fetch the services while the person chooses.
        prefetchCompositionRoot();
      } else await open(start.session);
    })().catch(
      (e: unknown) => live && setState({ kind: 'failed', message: MESSAGES.startFailed(e) }),
    );
    return () => {
      live = false;
    };
  }, [attempt, open]);

  const signIn = (person: LocalPerson, tenantId: string) => {
    const session = startLocalSession(person, tenantId, () => setAttempt((n) => n + 1));
    open(session).catch((e: unknown) =>
      setState({ kind: 'failed', message: MESSAGES.startFailed(e) }),
    );
  };

  let content: React.ReactNode;
  switch (state.kind) {
    case 'starting':
      content = <Spinner label={`${state.step}…`} style={{ marginTop: '20vh' }} />;
      break;
    case 'signIn':
      content = (
        <LocalSignIn
          people={state.start.people}
          remembered={state.start.remembered}
          onSignIn={(p) => signIn(p, state.start.tenantId)}
        />
      );
      break;
    case 'config':
      content = <ChannelTabConfig session={state.session} />;
      break;
    case 'notShared':
      content = (
        <main style={{ padding: 24 }}>
          <NotSharedPage sentence={state.message} home={false} />
          {state.signOut && <Button onClick={state.signOut}>Sign out</Button>}
        </main>
      );
      break;
    case 'failed':
      content = (
        <main style={{ padding: 24 }}>
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <UserMessageText message={state.message} />
            </MessageBarBody>
            <MessageBarActions>
              <Button
                onClick={() => {
                  setState({ kind: 'starting', step: 'Starting' });
                  setAttempt((n) => n + 1);
                }}
              >
                Try again
              </Button>
            </MessageBarActions>
          </MessageBar>
        </main>
      );
      break;
    case 'ready':
      content = (
        <App
          services={state.services}
          theme={theme}
          onThemeChange={(t) => {
            state.services.session.setTheme?.(t);
          }}
        />
      );
      break;
  }
  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: '100vh' }}>
      {content}
    </FluentProvider>
  );
}
