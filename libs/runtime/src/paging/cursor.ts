import { BadRequestException } from '@nestjs/common';

export type CursorKey = readonly (string | number)[];

// A cursor is the sort key of the last row a page returned, base64url-encoded so clients treat it as
// opaque: the next page starts strictly after that key, which stays correct while rows are added,
// unlike an offset, and costs an index seek instead of skipping rows.
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (
    !Array.isArray(key) ||
    key.length !== shape.length ||
    key.some(
      (part, i) => typeof part !== shape[i] || (typeof part === 'number' && !Number.isSafeInteger(part)),
    )
  ) {
    throw new BadRequestException(
      'cursor is not one this list returned: pass nextCursor of the previous page',
    );
  }
  return key as (string | number)[];
}
