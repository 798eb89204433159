export type Role = 'owner' | 'admin' | 'billing' | 'member' | 'gateway' | 'operator';

export type Capability =
  | 'buy'
  | 'approve'
  | 'manageCards'
  | 'manageAutoTopUp'
  | 'manageNotifications'
  | 'readDeliveries'
  | 'manageTeam'
  | 'operate';

// Who may do what, as the services decide it (their @Roles on each route): the console hides what a
// role may not use, and the service refuses it anyway.
const ALLOWED: Record<Capability, readonly Role[]> = {
  buy: ['owner', 'admin', 'billing'],
  approve: ['owner', 'admin', 'billing'],
  manageCards: ['owner', 'admin', 'billing'],
  manageAutoTopUp: ['owner', 'admin', 'billing'],
  manageNotifications: ['owner', 'admin', 'operator'],
  readDeliveries: ['owner', 'admin', 'operator'],
  // Identity also lets operators manage any account's team; they do it from the account's own pages.
  manageTeam: ['owner', 'admin', 'operator'],
  operate: ['operator'],
};

export function can(role: Role, capability: Capability): boolean {
  return ALLOWED[capability].includes(role);
}
