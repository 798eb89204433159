import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonRows } from '@sms/persistence';
import type { NoticeKind } from '../templates/notice-kind';
import type { ClaimedDelivery, DeliveryRecord, DeliveryStatus, NewDelivery } from './delivery';

interface RecordRow {
  id: string;
  event_id: string;
  recipient: string;
  kind: NoticeKind;
  account_id: string;
  subject: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_error: string | null;
  smtp_message_id: string | null;
  sent_at: Date | null;
  created_at: Date;
}

const RECORD_COLUMNS = `id::text as id, event_id, recipient, kind, account_id, subject, status, attempts,
  next_attempt_at, last_attempt_at, last_error, smtp_message_id, sent_at, created_at`;

const MAX_ERROR = 1000;

// The delivery log. Hand-written SQL: rows are inserted in bulk in the consumers' transactions and
// claimed with FOR UPDATE SKIP LOCKED, so several replicas share the work without sending twice.
// Times come from the database clock, the one clock all replicas agree on.
@Injectable()
export class DeliveryRepository {
  // Inside the consumer's transaction. The unique (event_id, recipient, kind) makes a redelivered
  // event a no-op; returns how many rows were new.
  async insert(em: EntityManager, deliveries: readonly NewDelivery[]): Promise<number> {
    if (deliveries.length === 0) {
      return 0;
    }
    const rows = await em.execute<{ id: string }[]>(
      `insert into notifier.delivery (event_id, recipient, kind, account_id, subject, html, text)
       select r."eventId", r.recipient, r.kind, r."accountId", r.subject, r.html, r.text
       from jsonb_to_recordset(?::jsonb) as r("eventId" text, recipient text, kind text, "accountId" text,
         subject text, html text, text text)
       on conflict on constraint delivery_once do nothing
       returning id`,
      [jsonRows(deliveries)],
    );
    return rows.length;
  }

  // Claims due rows by marking them 'sending' (one statement, so one transaction) before any SMTP
  // traffic: a row is handed to exactly one sender.
  async claimDue(em: EntityManager, limit: number): Promise<ClaimedDelivery[]> {
    const rows = await em.execute<
      (Omit<ClaimedDelivery, 'eventId' | 'accountId'> & { event_id: string; account_id: string })[]
    >(
      `with due as (
         select id from notifier.delivery
         where status = 'pending' and next_attempt_at <= now()
         order by next_attempt_at, id
         limit ?
         for update skip locked
       )
       update notifier.delivery d
       set status = 'sending', attempts = d.attempts + 1, last_attempt_at = now()
       from due where d.id = due.id
       returning d.id::text as id, d.event_id, d.recipient, d.kind, d.account_id, d.subject, d.html, d.text,
         d.attempts`,
      [limit],
    );
    return rows.map(({ event_id, account_id, ...row }) => ({
      ...row,
      eventId: event_id,
      accountId: account_id,
    }));
  }

  async markSent(em: EntityManager, id: string, smtpMessageId: string | null): Promise<void> {
    await em.execute(
      `update notifier.delivery
       set status = 'sent', sent_at = now(), smtp_message_id = ?, last_error = null
       where id = ? and status = 'sending'`,
      [smtpMessageId, id],
    );
  }

  async markForRetry(
    em: EntityManager,
    options: { id: string; error: string; delayMs: number },
  ): Promise<void> {
    await em.execute(
      `update notifier.delivery
       set status = 'pending', last_error = ?, next_attempt_at = now() + (? * interval '1 millisecond')
       where id = ? and status = 'sending'`,
      [truncate(options.error), options.delayMs, options.id],
    );
  }

  async markFailed(em: EntityManager, id: string, reason: string): Promise<void> {
    await em.execute(
      `update notifier.delivery set status = 'failed', last_error = ? where id = ? and status = 'sending'`,
      [truncate(reason), id],
    );
  }

  // A row left 'sending' for this long belongs to a sender that died between claiming and
  // recording the outcome. The email may or may not have gone out; at most once wins: it is marked
  // failed with that explanation and an operator can resend it.
  async failInterrupted(em: EntityManager, olderThanMs: number): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      `update notifier.delivery
       set status = 'failed',
           last_error = 'interrupted while sending (notifier stopped before recording the outcome); ' ||
             'it may have been delivered: check before resending'
       where status = 'sending' and last_attempt_at < now() - (? * interval '1 millisecond')
       returning id`,
      [olderThanMs],
    );
    return rows.length;
  }

  async list(
    em: EntityManager,
    filter: {
      accountId?: string;
      status?: DeliveryStatus;
      kind?: NoticeKind;
      before?: string;
      limit: number;
    },
  ): Promise<DeliveryRecord[]> {
    const rows = await em.execute<RecordRow[]>(
      `select ${RECORD_COLUMNS} from notifier.delivery
       where (?::text is null or account_id = ?)
         and (?::text is null or status = ?)
         and (?::text is null or kind = ?)
         and (?::bigint is null or id < ?::bigint)
       order by id desc
       limit ?`,
      [
        filter.accountId ?? null,
        filter.accountId ?? null,
        filter.status ?? null,
        filter.status ?? null,
        filter.kind ?? null,
        filter.kind ?? null,
        filter.before ?? null,
        filter.before ?? null,
        filter.limit,
      ],
    );
    return rows.map(toRecord);
  }

  async find(em: EntityManager, id: string): Promise<DeliveryRecord | undefined> {
    const [row] = await em.execute<RecordRow[]>(
      `select ${RECORD_COLUMNS} from notifier.delivery where id = ?::bigint`,
      [id],
    );
    return row ? toRecord(row) : undefined;
  }

  // Only a failed row goes back to the queue, so resending cannot double a sent email.
  async requeueFailed(em: EntityManager, id: string): Promise<DeliveryRecord | undefined> {
    const [row] = await em.execute<RecordRow[]>(
      `update notifier.delivery
       set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = null
       where id = ?::bigint and status = 'failed'
       returning ${RECORD_COLUMNS}`,
      [id],
    );
    return row ? toRecord(row) : undefined;
  }
}

function toRecord(row: RecordRow): DeliveryRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    recipient: row.recipient,
    kind: row.kind,
    accountId: row.account_id,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    lastAttemptAt: row.last_attempt_at === null ? null : new Date(row.last_attempt_at),
    lastError: row.last_error,
    smtpMessageId: row.smtp_message_id,
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
    createdAt: new Date(row.created_at),
  };
}

function truncate(text: string): string {
  return text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR)}…` : text;
}
