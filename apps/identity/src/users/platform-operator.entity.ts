import { EntitySchema } from '@mikro-orm/core';

// A person who runs the platform and acts on every credit account.
export class PlatformOperator {
  userId!: string;
  createdAt: Date = new Date();
}

export const PlatformOperatorSchema = new EntitySchema<PlatformOperator>({
  class: PlatformOperator,
  tableName: 'platform_operator',
  properties: {
    userId: { type: 'string', primary: true },
    createdAt: { type: 'Date' },
  },
});
