import { lastOwnerProblem, mayAssign, mayManage } from './member-rules';

describe('member rules', () => {
  it('refuses to remove or demote the last owner, with the reason', () => {
    expect(lastOwnerProblem({ ownerCount: 1, currentRole: 'owner', newRole: 'removed' })).toMatch(
      /last owner of an account cannot be removed/,
    );
    expect(lastOwnerProblem({ ownerCount: 1, currentRole: 'owner', newRole: 'admin' })).toMatch(
      /cannot be demoted/,
    );
  });

  it('lets an owner go when another owner remains, and leaves other roles alone', () => {
    expect(lastOwnerProblem({ ownerCount: 2, currentRole: 'owner', newRole: 'removed' })).toBeUndefined();
    expect(lastOwnerProblem({ ownerCount: 1, currentRole: 'admin', newRole: 'removed' })).toBeUndefined();
    expect(lastOwnerProblem({ ownerCount: 1, currentRole: 'owner', newRole: 'owner' })).toBeUndefined();
  });

  it('lets admins manage everyone but owners, and owners and operators everyone', () => {
    expect(mayAssign('admin', 'member')).toBe(true);
    expect(mayAssign('admin', 'owner')).toBe(false);
    expect(mayManage('admin', 'owner')).toBe(false);
    expect(mayAssign('owner', 'owner')).toBe(true);
    expect(mayAssign('operator', 'owner')).toBe(true);
    expect(mayAssign('billing', 'member')).toBe(false);
  });
});
