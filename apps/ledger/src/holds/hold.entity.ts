import { BigIntType, EntitySchema } from '@mikro-orm/core';

export type HoldStatus = 'open' | 'released' | 'expired';

// Credits reserved for a chunk of a campaign until they are spent, released or the hold expires.
export class HoldEntity {
  id!: string;
  accountId!: string;
  listId!: string | null;
  requestedMillicredits!: number;
  grantedMillicredits!: number;
  remainingMillicredits!: number;
  status!: HoldStatus;
  expiresAt!: Date;
  closedAt!: Date | null;
}

export const HoldSchema = new EntitySchema<HoldEntity>({
  class: HoldEntity,
  tableName: 'hold',
  properties: {
    id: { type: 'string', primary: true },
    accountId: { type: 'string' },
    listId: { type: 'string', nullable: true },
    requestedMillicredits: { type: new BigIntType('number') },
    grantedMillicredits: { type: new BigIntType('number') },
    remainingMillicredits: { type: new BigIntType('number') },
    status: { type: 'string' },
    expiresAt: { type: 'Date' },
    closedAt: { type: 'Date', nullable: true },
  },
});
