import type { ChargeGroup } from './charge.repository';
import {
  chargedPerAccount,
  chargedPerAllocatedList,
  chargedPerHold,
  chargeEntries,
  settleEntries,
} from './charge-aggregation';

function group(overrides: Partial<ChargeGroup>): ChargeGroup {
  return {
    accountId: 'acc_a',
    listId: null,
    campaignId: null,
    holdId: null,
    millicredits: 1000,
    messages: 1,
    messageId: 'm1',
    ...overrides,
  };
}

describe('charge aggregation', () => {
  const groups = [
    group({ accountId: 'acc_a', listId: 'l1', holdId: 'h1', millicredits: 3000, messages: 3 }),
    group({ accountId: 'acc_a', listId: 'l2', millicredits: 2000, messages: 2 }),
    group({
      accountId: 'acc_b',
      listId: 'l1',
      holdId: 'h2',
      millicredits: 500,
      messages: 1,
      messageId: 'mb',
    }),
  ];

  describe(chargedPerAccount.name, () => {
    it('adds up every group of an account into one amount', () => {
      expect(chargedPerAccount(groups)).toEqual([
        { accountId: 'acc_a', amount: 5000 },
        { accountId: 'acc_b', amount: 500 },
      ]);
    });
  });

  describe(chargedPerHold.name, () => {
    it('settles against each hold only what was sent under it', () => {
      expect(chargedPerHold(groups)).toEqual([
        { accountId: 'acc_a', holdId: 'h1', amount: 3000 },
        { accountId: 'acc_b', holdId: 'h2', amount: 500 },
      ]);
    });

    it('keeps a hold id of two accounts apart', () => {
      expect(
        chargedPerHold([group({ accountId: 'x', holdId: 'h' }), group({ accountId: 'y', holdId: 'h' })]),
      ).toHaveLength(2);
    });
  });

  describe(chargedPerAllocatedList.name, () => {
    it('takes from list allocations only for accounts whose lists are allocated', () => {
      expect(chargedPerAllocatedList({ groups, allocatedAccounts: new Set(['acc_a']) })).toEqual([
        { accountId: 'acc_a', listId: 'l1', amount: 3000, spent: 3000 },
        { accountId: 'acc_a', listId: 'l2', amount: 2000, spent: 2000 },
      ]);
    });

    it('takes nothing for messages sent without a list', () => {
      expect(chargedPerAllocatedList({ groups: [group({})], allocatedAccounts: new Set(['acc_a']) })).toEqual(
        [],
      );
    });
  });

  describe(chargeEntries.name, () => {
    it('writes one balanced entry per account, list and campaign', () => {
      const entries = chargeEntries([
        group({ campaignId: 'c', holdId: 'h1', millicredits: 1000, messages: 1 }),
        group({ campaignId: 'c', holdId: 'h2', millicredits: 2000, messages: 2, messageId: 'm0' }),
        group({ campaignId: 'd', millicredits: 700, messages: 1, messageId: 'm9' }),
      ]);
      expect(entries).toEqual([
        {
          accountId: 'acc_a',
          kind: 'sms_charge',
          amountMillicredits: -3000,
          listId: null,
          campaignId: 'c',
          reference: null,
          details: { messages: 3 },
          postings: [
            { ledgerAccount: 'balance', amountMillicredits: -3000 },
            { ledgerAccount: 'usage', amountMillicredits: 3000 },
          ],
        },
        expect.objectContaining({ campaignId: 'd', amountMillicredits: -700, reference: 'm9' }),
      ]);
      for (const entry of entries) {
        expect(entry.postings.reduce((sum, p) => sum + p.amountMillicredits, 0)).toBe(0);
      }
    });
  });

  describe(settleEntries.name, () => {
    it('moves what a hold settled out of held, leaving the balance alone', () => {
      expect(settleEntries([{ holdId: 'h1', accountId: 'acc_a', consumed: 1200 }])).toEqual([
        {
          accountId: 'acc_a',
          kind: 'hold_settle',
          amountMillicredits: 0,
          reference: 'h1',
          postings: [
            { ledgerAccount: 'held', amountMillicredits: -1200 },
            { ledgerAccount: 'hold_reserve', amountMillicredits: 1200 },
          ],
        },
      ]);
    });
  });
});
