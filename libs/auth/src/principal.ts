import type { Role } from './role';

export interface Principal {
  subject: string;
  accountId: string;
  role: Role;
}
