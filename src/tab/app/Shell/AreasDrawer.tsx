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
 * dialog that keeps focus inside while open). Escape or Close shuts it and focus returns to the
 * button that opened it; following a link shuts it and the new page's heading takes focus.
 * A chunk of its own, fetched when the screen is narrow, so the first view's budget is untouched.
 */
export function AreasDrawer({ open, onClose, areas, activeArea }: AreasDrawerProps) {
  return (
    <OverlayDrawer
      open={open}
      onOpenChange={(_, data) => {
        if (!data.open) onClose();
      }}
      position="start"
      size="small"
      aria-labelledby="areas-drawer-title"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ id: 'areas-drawer-title' }}
          action={
            <Button appearance="subtle" onClick={onClose}>
              Close
            </Button>
          }
        >
          Areas
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <nav aria-label="Areas">
          <AreaLinks areas={areas} activeArea={activeArea} onFollow={onClose} />
        </nav>
      </DrawerBody>
    </OverlayDrawer>
  );
}
