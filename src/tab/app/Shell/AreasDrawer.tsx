import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  OverlayDrawer,
} from '@fluentui/react-components';
import { AreaLinks } from './AreaLinks.js';
import type { AreasDrawerProps } from './Shell.types.js';

/**
 * The areas on a narrow screen: a modal drawer from the start edge (Fluent's OverlayDrawer, a
 * dialog that keeps focus inside while open). Escape or Close shuts it, following a link too;
 * once it has gone the Shell places focus (see onClosed).
 * A chunk of its own, fetched when the screen is narrow, so the first view's budget is untouched.
 */
export function AreasDrawer({ open, onClose, onClosed, areas, activeArea }: AreasDrawerProps) {
  return (
    <OverlayDrawer
      open={open}
      onOpenChange={(_, data) => {
        if (!data.open) onClose('dismissed');
      }}
      surfaceMotion={{
        onMotionFinish: (_, { direction }) => {
          if (direction === 'exit') onClosed();
        },
      }}
      position="start"
      size="small"
      aria-labelledby="areas-drawer-title"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ id: 'areas-drawer-title' }}
          action={
            <Button appearance="subtle" onClick={() => onClose('dismissed')}>
              Close
            </Button>
          }
        >
          Areas
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <nav aria-label="Areas">
          <AreaLinks areas={areas} activeArea={activeArea} onFollow={() => onClose('followed')} />
        </nav>
      </DrawerBody>
    </OverlayDrawer>
  );
}
