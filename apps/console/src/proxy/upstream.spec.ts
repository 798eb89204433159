import { upstreamUrl } from './upstream';

describe(upstreamUrl.name, () => {
  it('joins the service base and the path, keeping the query', () => {
    expect(
      upstreamUrl({
        base: 'http://127.0.0.1:3001',
        segments: ['accounts', 'acc_1', 'balance'],
        search: '?country=DE',
      }).href,
    ).toBe('http://127.0.0.1:3001/accounts/acc_1/balance?country=DE');
  });

  it('keeps an encoded slash inside its segment instead of opening another route', () => {
    expect(
      upstreamUrl({ base: 'http://ledger:3001/', segments: ['accounts', 'a/../../rate-card'], search: '' })
        .pathname,
    ).toBe('/accounts/a%2F..%2F..%2Frate-card');
  });

  it('refuses dot segments', () => {
    expect(() => upstreamUrl({ base: 'http://ledger', segments: ['accounts', '..'], search: '' })).toThrow(
      RangeError,
    );
  });
});
