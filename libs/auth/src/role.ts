export const ROLES = ['owner', 'admin', 'billing', 'member', 'gateway', 'operator'] as const;

export type Role = (typeof ROLES)[number];

// People who may read an account's balances, usage, orders and invoices. The gateway role is left
// out on purpose: machines get holds, the rate card and the available balance, nothing else.
export const ACCOUNT_READERS: readonly Role[] = ['owner', 'admin', 'billing', 'member', 'operator'];

// Product rule: only these roles may buy credits or change top-up settings.
export const BILLING_MANAGERS: readonly Role[] = ['owner', 'admin', 'billing'];

export const ACCOUNT_ADMINS: readonly Role[] = ['owner', 'admin'];

// The sending path: an SMS gateway reserves credits before it sends and releases what it did not use.
// Operators may act on holds too, to release one a broken gateway left behind.
export const HOLD_USERS: readonly Role[] = ['gateway', 'operator'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
