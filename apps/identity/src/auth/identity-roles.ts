import type { Role } from '@sms/auth';

// Who manages an account's people and machine clients: its owners and admins, and operators.
export const MEMBER_MANAGERS: Role[] = ['owner', 'admin', 'operator'];
