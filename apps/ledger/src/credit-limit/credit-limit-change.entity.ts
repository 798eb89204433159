import { BigIntType, EntitySchema } from '@mikro-orm/core';

// One change of an account's overdraft, with who made it and why; never updated or deleted.
export class CreditLimitChangeEntity {
  // bigserial; a string, as the API has always shown it.
  id!: string;
  accountId!: string;
  oldOverdraftMillicredits!: number;
  newOverdraftMillicredits!: number;
  reason!: string;
  changedBy!: string;
  changedAt: Date = new Date();
}

export const CreditLimitChangeSchema = new EntitySchema<CreditLimitChangeEntity>({
  class: CreditLimitChangeEntity,
  tableName: 'credit_limit_change',
  properties: {
    id: { type: new BigIntType('string'), primary: true, autoincrement: true },
    accountId: { type: 'string' },
    oldOverdraftMillicredits: { type: new BigIntType('number') },
    newOverdraftMillicredits: { type: new BigIntType('number') },
    reason: { type: 'string' },
    changedBy: { type: 'string' },
    changedAt: { type: 'Date' },
  },
});
