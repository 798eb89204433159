import { UnauthorizedException } from '@nestjs/common';
import { bearerToken } from './bearer-token';

describe('bearerToken', () => {
  it('reads the token of a Bearer header whatever the scheme case', () => {
    expect(bearerToken({ headers: { authorization: 'Bearer abc.def' } })).toBe('abc.def');
    expect(bearerToken({ headers: { authorization: 'bearer abc.def ' } })).toBe('abc.def');
  });

  it('refuses a missing, empty, repeated or non-Bearer header with a 401 saying why', () => {
    expect(() => bearerToken({ headers: {} })).toThrow(new UnauthorizedException('Missing bearer token'));
    expect(() => bearerToken({ headers: { authorization: '' } })).toThrow('Missing bearer token');
    expect(() => bearerToken({ headers: { authorization: 'Basic dXNlcg==' } })).toThrow('Malformed');
    expect(() => bearerToken({ headers: { authorization: ['Bearer a', 'Bearer b'] } })).toThrow('Malformed');
  });
});
