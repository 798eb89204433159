import { MILLICREDITS_PER_CREDIT } from '../../format/credits';

export type ParsedCredits = { ok: true; millicredits: number } | { ok: false; problem: string };

// What an operator types ("250", "-12.5", "1,000.125") as exact millicredits: the digits are read as
// text, never through a float, so 0.1 + 0.2 style errors cannot change a grant.
export function parseCreditsInput(text: string): ParsedCredits {
  const cleaned = text.trim().replaceAll(',', '').replaceAll('_', '').replaceAll(' ', '');
  const match = /^([+-]?)(\d+)(?:\.(\d{1,3}))?$/.exec(cleaned);
  if (match === null) {
    return { ok: false, problem: 'Enter credits as a number with at most three decimals' };
  }
  const [, sign, whole = '0', fraction = ''] = match;
  const millicredits = Number(whole) * MILLICREDITS_PER_CREDIT + Number(fraction.padEnd(3, '0'));
  if (!Number.isSafeInteger(millicredits)) {
    return { ok: false, problem: 'That amount is too large' };
  }
  return { ok: true, millicredits: sign === '-' ? -millicredits : millicredits };
}

export type AdjustmentKind = 'goodwill' | 'correction';

// The ledger's rule, said before sending: goodwill only adds; a correction adds or takes away; both
// carry a reason kept in the journal.
export function adjustmentProblem(input: {
  kind: AdjustmentKind;
  millicredits: number;
  reason: string;
}): string | null {
  if (input.millicredits === 0) {
    return 'The amount cannot be zero';
  }
  if (input.kind === 'goodwill' && input.millicredits < 0) {
    return 'Goodwill only adds credits; use a correction to take credits away';
  }
  if (input.reason.trim().length === 0) {
    return 'Say why: the reason is kept in the journal';
  }
  return null;
}
