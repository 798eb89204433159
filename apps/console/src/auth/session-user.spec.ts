import { sessionUserFrom, UnusableTokenError } from './session-user';

const jwt = (payload: object) =>
  `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.signature`;

describe(sessionUserFrom.name, () => {
  it('takes account and role from the access token and name and email from the ID token', () => {
    const user = sessionUserFrom(jwt({ sub: 'u1', accountId: 'acc_1', role: 'billing' }), {
      sub: 'u1',
      name: 'Giulia Bianchi',
      email: 'giulia@acme.example',
    });
    expect(user).toEqual({
      subject: 'u1',
      accountId: 'acc_1',
      role: 'billing',
      name: 'Giulia Bianchi',
      email: 'giulia@acme.example',
    });
  });

  it('refuses a token without an account or with an unknown role', () => {
    expect(() => sessionUserFrom(jwt({ sub: 'u1', role: 'owner' }), {})).toThrow(UnusableTokenError);
    expect(() => sessionUserFrom(jwt({ sub: 'u1', accountId: 'a', role: 'root' }), {})).toThrow(
      /no known role/,
    );
    expect(() => sessionUserFrom('opaque-token', {})).toThrow(/not a JWT/);
  });
});
