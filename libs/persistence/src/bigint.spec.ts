import { readBigint } from './bigint';

describe(readBigint.name, () => {
  it('reads bigint text as the exact integer', () => {
    expect(readBigint('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(readBigint('-1500')).toBe(-1500);
    expect(readBigint('0')).toBe(0);
  });

  it('refuses a value a JS number cannot hold exactly', () => {
    expect(() => readBigint('9007199254740993')).toThrow('Not an exact integer: 9007199254740993');
  });

  it('refuses text that is not an integer', () => {
    for (const text of ['', '1.5', '1e3', 'abc', ' 12']) {
      expect(() => readBigint(text)).toThrow(RangeError);
    }
  });

  it('accepts numbers and bigints that are exact integers', () => {
    expect(readBigint(42)).toBe(42);
    expect(readBigint(42n)).toBe(42);
    expect(() => readBigint(0.5)).toThrow(RangeError);
  });
});
