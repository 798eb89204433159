import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccountContactsUpdatedEvent } from '@sms/contracts';
import { jsonRows } from '@sms/persistence';

export interface AccountContacts {
  accountId: string;
  ownerEmails: string[];
  timeZone: string;
}

interface ContactRow {
  account_id: string;
  owner_emails: string[];
  time_zone: string;
}

@Injectable()
export class AccountContactsRepository {
  // Each source replaces its own row; an event older than the stored one changes nothing, so a
  // redelivered or reordered update never brings back old addresses.
  async apply(em: EntityManager, events: readonly AccountContactsUpdatedEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    await em.execute(
      `insert into notifier.account_contact (account_id, source, owner_emails, time_zone, occurred_at)
       select r."accountId", r.source, r."ownerEmails", r."timeZone", r."occurredAt"
       from jsonb_to_recordset(?::jsonb)
         as r("accountId" text, source text, "ownerEmails" jsonb, "timeZone" text, "occurredAt" timestamptz)
       order by r."occurredAt"
       on conflict (account_id, source) do update set
         owner_emails = excluded.owner_emails, time_zone = excluded.time_zone, occurred_at = excluded.occurred_at
       where notifier.account_contact.occurred_at <= excluded.occurred_at`,
      [
        jsonRows(
          latestPerSource(events).map((e) => ({
            accountId: e.accountId,
            source: e.source,
            ownerEmails: e.ownerEmails.map((email) => email.trim().toLowerCase()),
            timeZone: e.timeZone,
            occurredAt: e.occurredAt,
          })),
        ),
      ],
    );
  }

  // The union of every source's owners per account; the time zone of the latest update.
  async findMany(em: EntityManager, accountIds: readonly string[]): Promise<Map<string, AccountContacts>> {
    if (accountIds.length === 0) {
      return new Map();
    }
    const rows = await em.execute<ContactRow[]>(
      `select account_id, owner_emails, time_zone from notifier.account_contact
       where account_id in (select jsonb_array_elements_text(?::jsonb)) order by occurred_at`,
      [JSON.stringify([...new Set(accountIds)])],
    );
    const contacts = new Map<string, AccountContacts>();
    for (const row of rows) {
      const known = contacts.get(row.account_id);
      contacts.set(row.account_id, {
        accountId: row.account_id,
        ownerEmails: [...new Set([...(known?.ownerEmails ?? []), ...row.owner_emails])],
        timeZone: row.time_zone,
      });
    }
    return contacts;
  }
}

// One statement cannot update a row twice, so only each (account, source)'s latest event of a batch goes in.
function latestPerSource(events: readonly AccountContactsUpdatedEvent[]): AccountContactsUpdatedEvent[] {
  const latest = new Map<string, AccountContactsUpdatedEvent>();
  for (const event of events) {
    const key = `${event.accountId}\u0000${event.source}`;
    const known = latest.get(key);
    if (known === undefined || Date.parse(known.occurredAt) <= Date.parse(event.occurredAt)) {
      latest.set(key, event);
    }
  }
  return [...latest.values()];
}
