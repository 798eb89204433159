export const ROLES = ['owner', 'admin', 'billing', 'member', 'operator'] as const;

export type Role = (typeof ROLES)[number];

export const ACCOUNT_READERS: readonly Role[] = ROLES;

// Product rule: only these roles may buy credits or change top-up settings.
export const BILLING_MANAGERS: readonly Role[] = ['owner', 'admin', 'billing'];

export const ACCOUNT_ADMINS: readonly Role[] = ['owner', 'admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
