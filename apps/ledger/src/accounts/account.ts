export const CONSUMPTION_POLICIES = ['non_expiring_first', 'soonest_expiry_first'] as const;
export type ConsumptionPolicy = (typeof CONSUMPTION_POLICIES)[number];

export const LIST_MODES = ['shared', 'allocated'] as const;
export type ListMode = (typeof LIST_MODES)[number];

export interface Account {
  id: string;
  timeZone: string;
  homeCountry: string;
  consumptionPolicy: ConsumptionPolicy;
  // null: credits granted with the account default never expire.
  defaultValidityDays: number | null;
  extendOnPurchase: boolean;
  overdraftMillicredits: number;
  listMode: ListMode;
  balanceMillicredits: number;
  heldMillicredits: number;
  depleted: boolean;
  createdAt: string;
}

export interface AccountSettings {
  timeZone?: string;
  homeCountry?: string;
  consumptionPolicy?: ConsumptionPolicy;
  defaultValidityDays?: number | null;
  extendOnPurchase?: boolean;
  listMode?: ListMode;
}
