import type { ReactNode } from 'react';
import type { AsyncState } from './useAsync.js';

export type AsyncContentProps<T> = {
  readonly state: AsyncState<T>;
  readonly retry: () => void;
  /** What is being loaded, in words: "the audit programme". */
  readonly what: string;
  readonly isEmpty: (data: T) => boolean;
  readonly empty: ReactNode;
  readonly children: (data: T) => ReactNode;
};
