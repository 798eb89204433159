import { chunks } from './chunks';

describe(chunks.name, () => {
  it('cuts a list into consecutive slices of at most the size, the last one shorter', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('gives no slice for an empty list', () => {
    expect(chunks([], 3)).toEqual([]);
  });
});
