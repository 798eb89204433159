import { formToken, formTokenValid } from './form-token';

describe(formTokenValid.name, () => {
  const key = 'k'.repeat(32);

  it('accepts the token made for this interaction only', () => {
    const token = formToken(key, 'uid-1');
    expect(formTokenValid(key, 'uid-1', token)).toBe(true);
    expect(formTokenValid(key, 'uid-2', token)).toBe(false);
    expect(formTokenValid('x'.repeat(32), 'uid-1', token)).toBe(false);
    expect(formTokenValid(key, 'uid-1', undefined)).toBe(false);
  });
});
