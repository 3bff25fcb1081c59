import type { ReactNode } from 'react';

export type RecordColumn<T> = {
  readonly key: string;
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
};

export type RecordTableProps<T> = {
  /** Read by screen readers as the table's name. */
  readonly caption: string;
  readonly columns: ReadonlyArray<RecordColumn<T>>;
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
};
