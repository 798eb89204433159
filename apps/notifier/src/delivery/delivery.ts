import type { NoticeKind } from '../templates/notice-kind';

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

// One email to one recipient for one reason: the unit of "at most once".
export interface NewDelivery {
  eventId: string;
  recipient: string;
  kind: NoticeKind;
  accountId: string;
  subject: string;
  html: string;
  text: string;
}

export interface ClaimedDelivery {
  id: string;
  eventId: string;
  recipient: string;
  kind: NoticeKind;
  accountId: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
}

export interface DeliveryRecord {
  id: string;
  eventId: string;
  recipient: string;
  kind: NoticeKind;
  accountId: string;
  subject: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastError: string | null;
  smtpMessageId: string | null;
  sentAt: Date | null;
  createdAt: Date;
}
