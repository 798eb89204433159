// The roles a person can hold on a credit account. Operators and machine clients are not members.
export const MEMBERSHIP_ROLES = ['owner', 'admin', 'billing', 'member'] as const;

export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export function isMembershipRole(value: unknown): value is MembershipRole {
  return typeof value === 'string' && (MEMBERSHIP_ROLES as readonly string[]).includes(value);
}
