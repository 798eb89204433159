import { safeReturnTo } from './return-to';

describe(safeReturnTo.name, () => {
  it('keeps a path of the console', () => {
    expect(safeReturnTo('/buy?pack=starter')).toBe('/buy?pack=starter');
  });

  it.each(['https://evil.example', '//evil.example/x', '/\\evil.example', 'buy', undefined, 42, '/a\nb'])(
    'sends %p back to the home page',
    (value) => {
      expect(safeReturnTo(value)).toBe('/');
    },
  );
});
