import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { RecordTableProps } from './RecordTable.types.js';
import { useRecordTableStyles } from './useRecordTableStyles.styles.js';

/**
 * A plain, captioned table of records: real table semantics for screen readers. On a narrow
 * screen (a phone, or 400% zoom) its columns keep a readable width and the table scrolls sideways
 * inside its own region, never the page. While it does, the region is a named tab stop, so that
 * keyboard users can scroll it with the arrow keys (axe's scrollable-region-focusable).
 */
export function RecordTable<T>({ caption, columns, rows, rowKey }: RecordTableProps<T>) {
  const styles = useRecordTableStyles();
  const captionId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const scrolls = useScrollsSideways(wrapper, rows);
  return (
    <div
      ref={wrapper}
      className={styles.wrapper}
      {...(scrolls ? { role: 'region', 'aria-labelledby': captionId, tabIndex: 0 } : {})}
    >
      <Table
        size="small"
        className={styles.table}
        // Each column keeps room for a short phrase; narrower than this, the region scrolls.
        style={{ minWidth: `${columns.length * 7}rem` }}
      >
        <caption id={captionId} className={styles.caption}>
          {caption}
        </caption>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHeaderCell key={c.key} scope="col">
                {c.header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {columns.map((c) => (
                <TableCell key={c.key}>{c.cell(row)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Whether the element's content is wider than the element, following resizes of either. */
function useScrollsSideways(
  ref: React.RefObject<HTMLElement | null>,
  rows: readonly unknown[],
): boolean {
  const [scrolls, setScrolls] = useState(false);
  // Measured again when the rows change, before the browser paints: new rows can widen the table,
  // and the region must be a tab stop from the moment it scrolls, not one observer tick later.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) setScrolls(el.scrollWidth > el.clientWidth + 1);
  }, [ref, rows]);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, [ref]);
  return scrolls;
}
