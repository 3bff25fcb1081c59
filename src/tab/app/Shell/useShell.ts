import type { Route } from '../../routing/router.js';
import type { ShellState } from './Shell.types.js';

/** Which area the navigation marks as current: a record belongs to the area it came from. */
export function useShell(route: Route): ShellState {
  switch (route.area) {
    case 'audit':
    case 'signOffs':
      return { activeArea: 'myAudits' };
    case 'commission':
      return { activeArea: 'programme' };
    case 'feedbackItem':
    case 'auditFeedback':
      return { activeArea: 'feedback' };
    case 'notFound':
      return { activeArea: undefined };
    default:
      return { activeArea: route.area };
  }
}
