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
  'invitation',
  'password_reset',
] as const;

export type NoticeKind = (typeof NOTICE_KINDS)[number];

export function isNoticeKind(value: string): value is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(value);
}

// Kinds sent to one person about their own sign-in, not to an account's notification recipients:
// they use the personal layout, whose footer does not point at notification settings.
export const PERSONAL_NOTICE_KINDS: readonly NoticeKind[] = ['invitation', 'password_reset'];

export function isPersonalNoticeKind(kind: NoticeKind): boolean {
  return PERSONAL_NOTICE_KINDS.includes(kind);
}
