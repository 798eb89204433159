import { splitExpiry } from './expiry-split';

describe(splitExpiry.name, () => {
  it('takes everything from unassigned credits when they are enough', () => {
    expect(splitExpiry({ amount: 500, unassigned: 800, lists: { a: 100 } })).toEqual({
      fromUnassigned: 500,
      fromLists: {},
    });
  });

  it('takes the rest from lists in proportion to what each holds', () => {
    expect(splitExpiry({ amount: 1000, unassigned: 400, lists: { a: 300, b: 900 } })).toEqual({
      fromUnassigned: 400,
      fromLists: { a: 150, b: 450 },
    });
  });

  it('rounds by largest remainder so the parts add up exactly', () => {
    const split = splitExpiry({ amount: 100, unassigned: 0, lists: { a: 1000, b: 1000, c: 1000 } });
    expect(split.fromLists).toEqual({ a: 34, b: 33, c: 33 });
    expect(Object.values(split.fromLists).reduce((s, v) => s + v, 0)).toBe(100);
  });

  it('never takes more from the lists than they hold', () => {
    expect(splitExpiry({ amount: 1000, unassigned: 0, lists: { a: 200, b: 0 } }).fromLists).toEqual({
      a: 200,
    });
  });
});
