import { BigIntType, EntitySchema } from '@mikro-orm/core';
import type { ConsumptionPolicy, ListMode } from './account';

// What people and operators set on an account. The balances on the same row (balance, held,
// depleted) are not mapped: they change set-based for whole Kafka batches (account.repository.ts), so
// an entity holding them would go stale within the transaction.
export class AccountSettingsEntity {
  id!: string;
  timeZone!: string;
  homeCountry!: string;
  consumptionPolicy!: ConsumptionPolicy;
  defaultValidityDays!: number | null;
  extendOnPurchase!: boolean;
  overdraftMillicredits!: number;
  listMode!: ListMode;
  updatedAt: Date = new Date();
}

export const AccountSettingsSchema = new EntitySchema<AccountSettingsEntity>({
  class: AccountSettingsEntity,
  tableName: 'account',
  properties: {
    id: { type: 'string', primary: true },
    timeZone: { type: 'string' },
    homeCountry: { type: 'string' },
    consumptionPolicy: { type: 'string' },
    defaultValidityDays: { type: 'integer', nullable: true },
    extendOnPurchase: { type: 'boolean' },
    overdraftMillicredits: { type: new BigIntType('number') },
    listMode: { type: 'string' },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});
