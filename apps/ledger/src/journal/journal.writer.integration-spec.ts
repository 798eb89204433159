import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { EntityManager } from '@mikro-orm/postgresql';
import { createLedgerServiceTestModule } from '../../test/ledger-service-test';
import { JournalModule } from './journal.module';
import { JournalWriter, UnbalancedEntryError, type NewJournalEntry } from './journal.writer';

jest.setTimeout(60_000);

interface StoredEntry {
  id: string;
  kind: string;
  amount: string;
  reference: string | null;
  listId: string | null;
  campaignId: string | null;
  details: Record<string, unknown>;
  postings: { ledgerAccount: string; amount: string }[];
}

// The writer against real PostgreSQL: what goes in as arrays must come back exactly, text and amounts.
describe(JournalWriter.name, () => {
  let moduleRef: TestingModule;
  let em: EntityManager;
  let writer: JournalWriter;

  beforeAll(async () => {
    moduleRef = await createLedgerServiceTestModule({
      label: 'ledger_journal_writer',
      imports: [JournalModule],
    });
    em = moduleRef.get(EntityManager);
    writer = moduleRef.get(JournalWriter);
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  const accountId = (): string => `acc_${randomUUID().slice(0, 8)}`;

  function transfer(account: string, amount: number, extra: Partial<NewJournalEntry> = {}): NewJournalEntry {
    return {
      accountId: account,
      kind: 'grant',
      amountMillicredits: amount,
      postings: [
        { ledgerAccount: 'balance', amountMillicredits: amount },
        { ledgerAccount: 'grants', amountMillicredits: -amount },
      ],
      ...extra,
    };
  }

  async function stored(account: string): Promise<StoredEntry[]> {
    return em.fork().execute<StoredEntry[]>(
      `select e.id, e.kind, e.amount_millicredits::text as amount, e.reference, e.list_id as "listId",
         e.campaign_id as "campaignId", e.details,
         (select coalesce(jsonb_agg(jsonb_build_object('ledgerAccount', p.ledger_account,
            'amount', p.amount_millicredits::text) order by p.ledger_account), '[]'::jsonb)
          from ledger.journal_posting p where p.entry_id = e.id) as postings
       from ledger.journal_entry e where e.account_id = ? order by e.seq`,
      [account],
    );
  }

  it('stores every entry and posting of a batch exactly, in order, with text that needs quoting', async () => {
    const account = accountId();
    const largest = Number.MAX_SAFE_INTEGER;
    await em.fork().transactional((tx) =>
      writer.append(tx, [
        transfer(account, largest, {
          reference: 'ref "quoted" \\ back,slash {braces} NULL',
          listId: null,
          campaignId: 'spring, "sale"',
          details: { note: 'a "quote", a \\ and ünïcode', messages: 3 },
        }),
        transfer(account, -250, { kind: 'adjustment', reference: 'NULL' }),
        transfer(account, 0, { kind: 'hold_settle' }),
      ]),
    );

    const entries = await stored(account);
    expect(entries.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        kind: 'grant',
        amount: String(largest),
        reference: 'ref "quoted" \\ back,slash {braces} NULL',
        listId: null,
        campaignId: 'spring, "sale"',
        details: { note: 'a "quote", a \\ and ünïcode', messages: 3 },
        postings: [
          { ledgerAccount: 'balance', amount: String(largest) },
          { ledgerAccount: 'grants', amount: String(-largest) },
        ],
      },
      {
        kind: 'adjustment',
        amount: '-250',
        reference: 'NULL',
        listId: null,
        campaignId: null,
        details: {},
        postings: [
          { ledgerAccount: 'balance', amount: '-250' },
          { ledgerAccount: 'grants', amount: '250' },
        ],
      },
      {
        kind: 'hold_settle',
        amount: '0',
        reference: null,
        listId: null,
        campaignId: null,
        details: {},
        postings: [
          { ledgerAccount: 'balance', amount: '0' },
          { ledgerAccount: 'grants', amount: '0' },
        ],
      },
    ]);
  });

  it('writes nothing when an entry does not balance', async () => {
    const account = accountId();
    const unbalanced = transfer(account, 100, {
      postings: [
        { ledgerAccount: 'balance', amountMillicredits: 100 },
        { ledgerAccount: 'grants', amountMillicredits: -99 },
      ],
    });
    await expect(
      em.fork().transactional((tx) => writer.append(tx, [transfer(account, 5), unbalanced])),
    ).rejects.toThrow(UnbalancedEntryError);
    expect(await stored(account)).toEqual([]);
  });

  it('refuses an amount that is not an exact integer of millicredits', async () => {
    const account = accountId();
    await expect(
      em.fork().transactional((tx) => writer.append(tx, [transfer(account, 1.5)])),
    ).rejects.toThrow(RangeError);
    await expect(
      em.fork().transactional((tx) => writer.append(tx, [transfer(account, Number.MAX_SAFE_INTEGER + 1)])),
    ).rejects.toThrow(RangeError);
    expect(await stored(account)).toEqual([]);
  });
});
