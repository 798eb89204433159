import type { MembershipRole } from './membership-role';

// Who may hand out or take away which role. Owners and operators manage everyone; admins manage
// everyone but owners, and cannot make anyone an owner.
// The role on the caller's token (any role; only owner, admin and operator manage anyone).
export type ManagerRole = string;

export function mayAssign(actor: ManagerRole, role: MembershipRole): boolean {
  if (actor === 'operator' || actor === 'owner') {
    return true;
  }
  return actor === 'admin' && role !== 'owner';
}

export function mayManage(actor: ManagerRole, targetRole: MembershipRole): boolean {
  return mayAssign(actor, targetRole);
}

// An account always keeps an owner: somebody must be able to buy credits and manage the team.
export function lastOwnerProblem(options: {
  ownerCount: number;
  currentRole: MembershipRole;
  newRole: MembershipRole | 'removed';
}): string | undefined {
  if (options.currentRole !== 'owner' || options.newRole === 'owner' || options.ownerCount > 1) {
    return undefined;
  }
  return options.newRole === 'removed'
    ? 'The last owner of an account cannot be removed: make another member owner first.'
    : 'The last owner of an account cannot be demoted: make another member owner first.';
}
