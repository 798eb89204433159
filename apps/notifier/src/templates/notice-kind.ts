// Every email the notifier sends is one of these kinds; each has a template in every language.
export const NOTICE_KINDS = [
  'low_balance',
  'low_balance_reminder',
  'depleted',
  'receipt',
  'expiring',
  'expired',
  'autotopup_failed',
  'approval_requested',
  'invoice_issued',
  'credits_reversed',
  'credits_reinstated',
] as const;

export type NoticeKind = (typeof NOTICE_KINDS)[number];

export function isNoticeKind(value: string): value is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(value);
}
