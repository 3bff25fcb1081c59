import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { RecordTableProps } from './RecordTable.types.js';
import { useRecordTableStyles } from './useRecordTableStyles.styles.js';

/** A plain, captioned table of records: real table semantics for screen readers. */
export function RecordTable<T>({ caption, columns, rows, rowKey }: RecordTableProps<T>) {
  const styles = useRecordTableStyles();
  return (
    <div className={styles.wrapper}>
      <Table size="small">
        <caption className={styles.caption}>{caption}</caption>
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
