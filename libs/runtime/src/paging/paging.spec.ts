import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './cursor';
import { toPage } from './page';

describe('cursor paging', () => {
  it('decodes the key it encoded', () => {
    const cursor = encodeCursor(['2026-01-01T00:00:00.000Z', 42]);
    expect(cursor).toMatch(/^[\w-]+$/);
    expect(decodeCursor(cursor, ['string', 'number'])).toEqual(['2026-01-01T00:00:00.000Z', 42]);
  });

  it('refuses a cursor of another shape or a forged one', () => {
    expect(() => decodeCursor(encodeCursor([42]), ['string', 'number'])).toThrow(BadRequestException);
    expect(() => decodeCursor(encodeCursor(['a', 'b']), ['string', 'number'])).toThrow(BadRequestException);
    expect(() => decodeCursor('not-json', ['number'])).toThrow(BadRequestException);
  });

  it('gives a next cursor only when a row beyond the page was found', () => {
    const rows = [{ id: 3 }, { id: 2 }, { id: 1 }];
    expect(toPage(rows, 2, (row) => [row.id])).toEqual({
      items: [{ id: 3 }, { id: 2 }],
      nextCursor: encodeCursor([2]),
    });
    expect(toPage(rows, 3, (row) => [row.id])).toEqual({ items: rows, nextCursor: null });
  });
});
