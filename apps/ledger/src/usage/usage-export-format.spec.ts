import { csvLine, usageCells } from './usage-export-format';

describe('usage export format', () => {
  it('writes credits exactly from millicredits', () => {
    const row = (millicredits: number) => ({
      messageId: 'm1',
      sentAt: '2026-03-10T09:00:00.000Z',
      to: '+393471234567',
      country: 'IT',
      segments: 1,
      chargedMillicredits: millicredits,
      listId: null,
      campaignId: null,
      holdId: null,
    });
    expect([1_000, 1_250, 7, -2_500].map((m) => usageCells(row(m))[5])).toEqual([
      '1',
      '1.25',
      '0.007',
      '-2.5',
    ]);
  });

  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvLine(['a', 1, 'b,c', 'say "hi"', 'two\r\nlines'])).toBe(
      'a,1,"b,c","say ""hi""","two\r\nlines"\n',
    );
  });
});
