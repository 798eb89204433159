import type { NewJournalEntry } from '../journal/journal.writer';

export type AdjustmentKind = 'goodwill' | 'correction';

// Goodwill is a gift and only adds; a correction fixes a mistake either way. Neither is ever zero.
export function adjustmentProblem(input: {
  kind: AdjustmentKind;
  amountMillicredits: number;
  expiryDate: string | null;
}): string | null {
  if (input.amountMillicredits === 0) {
    return 'amountMillicredits must not be zero';
  }
  if (input.kind === 'goodwill' && input.amountMillicredits < 0) {
    return 'goodwill adds credits: amountMillicredits must be positive (use a correction to take credits away)';
  }
  if (input.expiryDate !== null && input.amountMillicredits < 0) {
    return 'only credits added can have an expiryDate';
  }
  return null;
}

// The journal entry of an adjustment, its own kind, with who made it and why. Goodwill is balanced
// against the `goodwill` account and corrections against `adjustments`, so the operator's gifts and
// fixes each add up on their own.
export function adjustmentEntry(input: {
  adjustmentId: string;
  accountId: string;
  kind: AdjustmentKind;
  amountMillicredits: number;
  actor: string;
  reason: string;
  lotId: string | null;
  expiryDate: string | null;
}): NewJournalEntry {
  const counter = input.kind === 'goodwill' ? 'goodwill' : 'adjustments';
  return {
    accountId: input.accountId,
    kind: input.kind,
    amountMillicredits: input.amountMillicredits,
    reference: input.adjustmentId,
    details: {
      actor: input.actor,
      reason: input.reason,
      lotId: input.lotId,
      expiryDate: input.expiryDate,
    },
    postings: [
      { ledgerAccount: 'balance', amountMillicredits: input.amountMillicredits },
      { ledgerAccount: counter, amountMillicredits: -input.amountMillicredits },
    ],
  };
}
