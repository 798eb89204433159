import { Injectable } from '@nestjs/common';
import { type FilterQuery, raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { jsonRows } from '@sms/persistence';
import type { NoticeKind } from '../templates/notice-kind';
import type { ClaimedDelivery, DeliveryRecord, DeliveryStatus, NewDelivery } from './delivery';
import { Delivery } from './delivery.entity';

const MAX_ERROR = 1000;

// The delivery log, through the Delivery entity. Two statements stay SQL: the consumers' bulk insert
// (a whole batch as one JSON parameter, ON CONFLICT DO NOTHING) and the claim of due rows (FOR UPDATE
// SKIP LOCKED inside an UPDATE … RETURNING), which the ORM cannot express as one statement. Times
// come from the database clock (now()), the one clock all replicas agree on.
@Injectable()
export class DeliveryRepository {
  // Inside the consumer's transaction. The unique (event_id, recipient, kind) makes a redelivered
  // event a no-op; returns how many rows were new. SQL: one statement for the whole batch, and a
  // conflict skips the row instead of aborting the consumer's transaction.
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
  // traffic: a row is handed to exactly one sender. SQL: SKIP LOCKED lets replicas claim side by side,
  // and the lock, the update and the rows returned are one statement with no round trip between.
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
    await em.nativeUpdate(
      Delivery,
      { id, status: 'sending' },
      { status: 'sent', sentAt: raw('now()'), smtpMessageId, lastError: null },
    );
  }

  async markForRetry(
    em: EntityManager,
    options: { id: string; error: string; delayMs: number },
  ): Promise<void> {
    await em.nativeUpdate(
      Delivery,
      { id: options.id, status: 'sending' },
      {
        status: 'pending',
        lastError: truncate(options.error),
        nextAttemptAt: raw(`now() + (? * interval '1 millisecond')`, [options.delayMs]),
      },
    );
  }

  async markFailed(em: EntityManager, id: string, reason: string): Promise<void> {
    await em.nativeUpdate(
      Delivery,
      { id, status: 'sending' },
      { status: 'failed', lastError: truncate(reason) },
    );
  }

  // A row left 'sending' for this long belongs to a sender that died between claiming and
  // recording the outcome. The email may or may not have gone out; at most once wins: it is marked
  // failed with that explanation and an operator can resend it.
  async failInterrupted(em: EntityManager, olderThanMs: number): Promise<number> {
    return em.nativeUpdate(
      Delivery,
      {
        status: 'sending',
        lastAttemptAt: { $lt: raw<Delivery, Date>(`now() - (? * interval '1 millisecond')`, [olderThanMs]) },
      },
      {
        status: 'failed',
        lastError:
          'interrupted while sending (notifier stopped before recording the outcome); ' +
          'it may have been delivered: check before resending',
      },
    );
  }

  // Newest first, keyset-paged on id.
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
    const where: FilterQuery<Delivery> = {};
    if (filter.accountId !== undefined) {
      where.accountId = filter.accountId;
    }
    if (filter.status !== undefined) {
      where.status = filter.status;
    }
    if (filter.kind !== undefined) {
      where.kind = filter.kind;
    }
    if (filter.before !== undefined) {
      where.id = { $lt: filter.before };
    }
    const deliveries = await em.find(Delivery, where, { orderBy: { id: 'desc' }, limit: filter.limit });
    return deliveries.map(toRecord);
  }

  async find(em: EntityManager, id: string): Promise<DeliveryRecord | undefined> {
    const delivery = await em.findOne(Delivery, id);
    return delivery === null ? undefined : toRecord(delivery);
  }

  // Only a failed row goes back to the queue, so resending cannot double a sent email. The row stays
  // locked by the update until the row is read back, so no sender claims it in between.
  async requeueFailed(em: EntityManager, id: string): Promise<DeliveryRecord | undefined> {
    return em.transactional(async (tx) => {
      const requeued = await tx.nativeUpdate(
        Delivery,
        { id, status: 'failed' },
        { status: 'pending', attempts: 0, nextAttemptAt: raw('now()'), lastError: null },
      );
      if (requeued === 0) {
        return undefined;
      }
      return toRecord(await tx.findOneOrFail(Delivery, id, { refresh: true }));
    });
  }
}

function toRecord(delivery: Delivery): DeliveryRecord {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    recipient: delivery.recipient,
    kind: delivery.kind,
    accountId: delivery.accountId,
    subject: delivery.subject,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt,
    lastAttemptAt: delivery.lastAttemptAt,
    lastError: delivery.lastError,
    smtpMessageId: delivery.smtpMessageId,
    sentAt: delivery.sentAt,
    createdAt: delivery.createdAt,
  };
}

function truncate(text: string): string {
  return text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR)}…` : text;
}
