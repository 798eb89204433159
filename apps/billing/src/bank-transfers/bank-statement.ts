export interface StatementCredit {
  line: number;
  bookingDate: string;
  amountMinor: number;
  currency: string;
  reference: string;
  transactionId: string;
}

export type StatementRow = StatementCredit | { line: number; error: string };

export const STATEMENT_COLUMNS = [
  'booking_date',
  'amount',
  'currency',
  'reference',
  'transaction_id',
] as const;

const AMOUNT = /^(\d{1,11})(?:\.(\d{1,2}))?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TRANSACTION_ID = /^[\w.:@/-]{1,128}$/;
// Orders show their reference as SMS- and ten characters; banks may change case or add text around it.
const ORDER_REFERENCE = /SMS-[0-9A-F]{10}/i;

// A bank statement export as CSV (RFC 4180 quoting), one incoming transfer per row, with a header
// naming at least STATEMENT_COLUMNS in any order. Amounts are in major units with a dot ("45.00").
// Debits (negative amounts) are not transfers to us and are reported as errors to look at.
export function parseStatement(csv: string): StatementRow[] {
  const records = parseCsv(csv);
  if (records.length === 0) {
    throw new StatementFormatError('the statement is empty');
  }
  const header = records[0].map((name) => name.trim().toLowerCase());
  const missing = STATEMENT_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new StatementFormatError(
      `the header lacks ${missing.join(', ')} (expected ${STATEMENT_COLUMNS.join(',')})`,
    );
  }
  const index = Object.fromEntries(
    STATEMENT_COLUMNS.map((column) => [column, header.indexOf(column)]),
  ) as Record<(typeof STATEMENT_COLUMNS)[number], number>;
  return records.slice(1).flatMap((fields, i): StatementRow[] => {
    const line = i + 2;
    if (fields.length === 1 && fields[0].trim() === '') {
      return [];
    }
    const value = (column: (typeof STATEMENT_COLUMNS)[number]) => (fields[index[column]] ?? '').trim();
    const amount = AMOUNT.exec(value('amount'));
    if (amount === null) {
      return [
        { line, error: `amount "${value('amount').slice(0, 32)}" is not a positive amount such as 45.00` },
      ];
    }
    const currency = value('currency').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) {
      return [{ line, error: `currency "${currency.slice(0, 8)}" is not an ISO 4217 code` }];
    }
    if (!DATE.test(value('booking_date'))) {
      return [{ line, error: 'booking_date must be YYYY-MM-DD' }];
    }
    if (!TRANSACTION_ID.test(value('transaction_id'))) {
      return [{ line, error: 'transaction_id is missing or malformed' }];
    }
    return [
      {
        line,
        bookingDate: value('booking_date'),
        amountMinor: Number(amount[1]) * 100 + Number((amount[2] ?? '0').padEnd(2, '0')),
        currency,
        reference: value('reference').slice(0, 500),
        transactionId: value('transaction_id'),
      },
    ];
  });
}

// The order reference written on a transfer, wherever it stands in the free text.
export function orderReferenceIn(text: string): string | null {
  return ORDER_REFERENCE.exec(text)?.[0].toUpperCase() ?? null;
}

export class StatementFormatError extends Error {}

function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i += 1;
      }
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
