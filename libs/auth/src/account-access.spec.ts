import { ForbiddenException } from '@nestjs/common';

import { assertAccountAccess } from './account-access';
import type { Principal } from './principal';

describe(assertAccountAccess.name, () => {
  const owner: Principal = { subject: 'alice', accountId: 'acc_a', role: 'owner' };

  it('allows a principal on its own account', () => {
    expect(() => assertAccountAccess(owner, 'acc_a')).not.toThrow();
  });

  it('forbids a principal on another account, naming the account the token is scoped to', () => {
    expect(() => assertAccountAccess(owner, 'acc_b')).toThrow(
      new ForbiddenException('Token is scoped to account acc_a'),
    );
  });

  it('allows an operator on any account', () => {
    expect(() => assertAccountAccess({ ...owner, role: 'operator' }, 'acc_b')).not.toThrow();
  });
});
