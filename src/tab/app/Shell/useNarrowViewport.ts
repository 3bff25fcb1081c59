import { useEffect, useState } from 'react';

/**
 * Below this width the areas move into a drawer behind a button, so the content starts at the top
 * of the first screen: a phone, Teams' narrow panes, and 1280 px at 200% zoom (640 CSS px) and
 * 400% (320 CSS px). In em, so that the browser's text size moves it too.
 */
export const NARROW_QUERY = '(max-width: 47.99em)';

const narrowNow = (): boolean =>
  typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches;

/** Whether the viewport is narrow now, following it as the window or the zoom changes. */
export function useNarrowViewport(): boolean {
  const [narrow, setNarrow] = useState(narrowNow);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(NARROW_QUERY);
    const onChange = () => setNarrow(query.matches);
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return narrow;
}
