import { type CursorKey, encodeCursor } from './cursor';

export interface Page<T> {
  items: T[];
  // Pass as cursor= to get the next page; null on the last page.
  nextCursor: string | null;
}

// Repositories fetch one row more than the page size: that row tells whether a next page exists
// without counting the whole history.
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
