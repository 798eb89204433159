import { BigIntType, EntitySchema } from '@mikro-orm/core';

export type MonitorPurpose = 'low_balance_notice' | 'auto_topup';

// One balance level an account is watched at, for one purpose (a low-balance email, auto top-up).
// Armed while the balance is at or above the level; see balance-crossings.ts.
export class Monitor {
  id!: string;
  accountId!: string;
  purpose!: MonitorPurpose;
  levelMillicredits!: number;
  armed!: boolean;
}

export const MonitorSchema = new EntitySchema<Monitor>({
  class: Monitor,
  tableName: 'monitor',
  properties: {
    id: { type: 'string', primary: true },
    accountId: { type: 'string' },
    purpose: { type: 'string' },
    // Exact up to 2^53 millicredits, far beyond any balance.
    levelMillicredits: { type: new BigIntType('number') },
    armed: { type: 'boolean' },
  },
});
