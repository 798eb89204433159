import type { Language } from '../templates/languages';

// Who receives each kind of notice. Order approvals go to the approver named in the order instead.
export const RECIPIENT_GROUPS = [
  'lowBalance',
  'depleted',
  'receipt',
  'expiry',
  'autoTopUp',
  'invoice',
] as const;

export type RecipientGroup = (typeof RECIPIENT_GROUPS)[number];

export type Recipients = Record<RecipientGroup, string[]>;

export interface NotificationSettings {
  accountId: string;
  recipients: Recipients;
  // Whole credits, highest first; registered with the ledger as balance monitors.
  lowBalanceLevelsCredits: number[];
  dailyReminder: boolean;
  language: Language;
  // IANA zone: dates in emails and the local hour of the daily reminder.
  timeZone: string;
  updatedAt: Date;
}
