import { BigIntType, EntitySchema } from '@mikro-orm/core';

// The part of an account's credits one list holds in `allocated` mode [002].
export class ListAllocationEntity {
  accountId!: string;
  listId!: string;
  remainingMillicredits!: number;
  spentMillicredits!: number;
  updatedAt: Date = new Date();
}

export const ListAllocationSchema = new EntitySchema<ListAllocationEntity>({
  class: ListAllocationEntity,
  tableName: 'list_allocation',
  properties: {
    accountId: { type: 'string', primary: true },
    listId: { type: 'string', primary: true },
    remainingMillicredits: { type: new BigIntType('number') },
    spentMillicredits: { type: new BigIntType('number') },
    updatedAt: { type: 'Date', onUpdate: () => new Date() },
  },
});
