import { EntitySchema } from '@mikro-orm/core';
import type { MembershipRole } from './membership-role';

// A person's role on one credit account.
export class Membership {
  userId!: string;
  accountId!: string;
  role!: MembershipRole;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const MembershipSchema = new EntitySchema<Membership>({
  class: Membership,
  tableName: 'membership',
  properties: {
    userId: { type: 'string', primary: true },
    accountId: { type: 'string', primary: true },
    role: { type: 'string' },
    createdAt: { type: 'Date' },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});
