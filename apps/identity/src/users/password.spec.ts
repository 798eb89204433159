import { hashPassword, passwordMatches, passwordProblem } from './password';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the same password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$/);
    await expect(passwordMatches(stored, 'correct horse battery')).resolves.toBe(true);
    await expect(passwordMatches(stored, 'correct horse batterz')).resolves.toBe(false);
  });

  it('never matches a person without a password', async () => {
    await expect(passwordMatches(null, 'anything at all')).resolves.toBe(false);
  });

  it('refuses short passwords and the email address as password', () => {
    expect(passwordProblem('short', { email: 'a@b.example' })).toMatch(/at least 10/);
    expect(passwordProblem('Ann@Shop.example', { email: 'ann@shop.example' })).toMatch(/email/);
    expect(passwordProblem('a long enough passphrase', { email: 'a@b.example' })).toBeUndefined();
  });
});
