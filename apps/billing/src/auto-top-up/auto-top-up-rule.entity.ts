import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { PaymentMethodRecord } from '../payment-methods/payment-method.entity';
import { ExactBigIntType } from '../shared/exact-bigint.type';
import type { TopUpState } from './auto-top-up-state';

// An account's auto top-up settings and where its state machine stands (one row per account).
export class AutoTopUpRule {
  [OptionalProps]?: 'state' | 'armedAt' | 'currentOrderId' | 'disabledReason' | 'updatedAt';
  accountId!: string;
  enabled!: boolean;
  thresholdCredits!: number;
  creditsToAdd!: number;
  paymentMethodId!: string;
  maxRechargesPer30Days!: number;
  state: TopUpState = 'armed';
  armedAt: Date = new Date();
  currentOrderId: string | null = null;
  disabledReason: string | null = null;
  updatedAt: Date = new Date();
}

export const AutoTopUpRuleSchema = new EntitySchema<AutoTopUpRule>({
  class: AutoTopUpRule,
  tableName: 'auto_top_up',
  properties: {
    accountId: { type: 'text', primary: true },
    enabled: { type: 'boolean' },
    thresholdCredits: { type: ExactBigIntType },
    creditsToAdd: { type: ExactBigIntType },
    paymentMethodId: {
      kind: 'm:1',
      entity: () => PaymentMethodRecord,
      mapToPk: true,
      fieldName: 'payment_method_id',
      foreignKeyName: 'auto_top_up_payment_method_id_fkey',
      updateRule: 'no action',
      deleteRule: 'no action',
    },
    maxRechargesPer30Days: { type: 'integer', fieldName: 'max_recharges_per_30_days' },
    state: { type: 'text', default: 'armed' },
    armedAt: { type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' },
    currentOrderId: { type: 'text', nullable: true },
    disabledReason: { type: 'text', nullable: true },
    updatedAt: {
      type: 'datetime',
      columnType: 'timestamptz',
      defaultRaw: 'now()',
      onUpdate: () => new Date(),
    },
  },
});
