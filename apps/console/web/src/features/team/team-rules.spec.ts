import { assignableRoles, isLastOwner, mayManageMember } from './team-rules';

describe(assignableRoles.name, () => {
  it('lets owners and operators hand out every role, admins all but owner, and nobody else any', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'billing', 'member']);
    expect(assignableRoles('operator')).toEqual(['owner', 'admin', 'billing', 'member']);
    expect(assignableRoles('admin')).toEqual(['admin', 'billing', 'member']);
    expect(assignableRoles('billing')).toEqual([]);
    expect(assignableRoles('member')).toEqual([]);
  });
});

describe(mayManageMember.name, () => {
  it('keeps an admin away from owners but not from other admins', () => {
    expect(mayManageMember('admin', 'owner')).toBe(false);
    expect(mayManageMember('admin', 'admin')).toBe(true);
    expect(mayManageMember('owner', 'owner')).toBe(true);
  });
});

describe(isLastOwner.name, () => {
  it('marks the only owner and nobody once there is a second owner', () => {
    const ann = { role: 'owner' };
    const bob = { role: 'billing' };
    expect(isLastOwner([ann, bob], ann)).toBe(true);
    expect(isLastOwner([ann, bob], bob)).toBe(false);
    expect(isLastOwner([ann, bob, { role: 'owner' }], ann)).toBe(false);
  });
});
