import { orderReferenceIn, parseStatement, StatementFormatError } from './bank-statement';

describe(parseStatement.name, () => {
  it('reads transfers in minor units, with quoted fields and any column order', () => {
    const csv = [
      'transaction_id,booking_date,amount,currency,reference,counterparty',
      'TX-1,2026-07-10,45.00,EUR,"Payment SMS-0A1B2C3D4E, thanks",Acme',
      'TX-2,2026-07-11,20.5,eur,"He said ""SMS-FFFFFFFFFF""",Acme',
      '',
    ].join('\r\n');
    expect(parseStatement(csv)).toEqual([
      {
        line: 2,
        bookingDate: '2026-07-10',
        amountMinor: 4500,
        currency: 'EUR',
        reference: 'Payment SMS-0A1B2C3D4E, thanks',
        transactionId: 'TX-1',
      },
      {
        line: 3,
        bookingDate: '2026-07-11',
        amountMinor: 2050,
        currency: 'EUR',
        reference: 'He said "SMS-FFFFFFFFFF"',
        transactionId: 'TX-2',
      },
    ]);
  });

  it('reports a row it cannot read instead of guessing', () => {
    const csv =
      'booking_date,amount,currency,reference,transaction_id\n2026-07-10,-45.00,EUR,x,TX-1\n2026-07-10,45.001,EUR,x,TX-2\n';
    expect(parseStatement(csv)).toEqual([
      { line: 2, error: 'amount "-45.00" is not a positive amount such as 45.00' },
      { line: 3, error: 'amount "45.001" is not a positive amount such as 45.00' },
    ]);
  });

  it('refuses a statement without the needed columns', () => {
    expect(() => parseStatement('date,amount\n2026-07-10,45.00\n')).toThrow(StatementFormatError);
  });
});

describe(orderReferenceIn.name, () => {
  it('finds the order reference in free text, whatever its case', () => {
    expect(orderReferenceIn('invoice sms-0a1b2c3d4e july')).toBe('SMS-0A1B2C3D4E');
    expect(orderReferenceIn('no reference here')).toBeNull();
  });
});
