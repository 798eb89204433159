import { presentsOpsToken } from './ops-access';

describe(presentsOpsToken.name, () => {
  const token = 'ops-token-0123456789abcdef';

  it('lets everyone in when no token is configured', () => {
    expect(presentsOpsToken({ headers: {} }, undefined)).toBe(true);
  });

  it('asks for the configured token, and only that one', () => {
    expect(presentsOpsToken({ headers: {} }, token)).toBe(false);
    expect(presentsOpsToken({ headers: { authorization: 'Bearer wrong' } }, token)).toBe(false);
    expect(presentsOpsToken({ headers: { authorization: `Bearer ${token}x` } }, token)).toBe(false);
    expect(presentsOpsToken({ headers: { authorization: `Bearer ${token}` } }, token)).toBe(true);
  });
});
