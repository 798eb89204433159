import type { Role } from '../../app/permissions';

export const MEMBER_ROLES = ['owner', 'admin', 'billing', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

// The roles someone may hand out, as identity decides them: owners and operators any role, admins
// any role but owner. The console offers only these; identity refuses the rest anyway.
export function assignableRoles(actor: Role): MemberRole[] {
  if (actor === 'owner' || actor === 'operator') {
    return [...MEMBER_ROLES];
  }
  if (actor === 'admin') {
    return MEMBER_ROLES.filter((role) => role !== 'owner');
  }
  return [];
}

// Whether someone may change or remove a member holding `target`: an admin cannot touch an owner.
export function mayManageMember(actor: Role, target: MemberRole): boolean {
  return assignableRoles(actor).includes(target);
}

// The last owner cannot be demoted or removed (identity answers 409); the console says why up
// front instead of offering a button that can only fail.
export function isLastOwner(members: readonly { role: string }[], member: { role: string }): boolean {
  return member.role === 'owner' && members.filter((candidate) => candidate.role === 'owner').length === 1;
}
