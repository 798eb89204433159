import { creditsText, csvLine } from './usage-export-format';

describe('usage export format', () => {
  it('writes credits exactly from millicredits', () => {
    expect(creditsText(1_000)).toBe('1');
    expect(creditsText(1_250)).toBe('1.25');
    expect(creditsText(7)).toBe('0.007');
    expect(creditsText(-2_500)).toBe('-2.5');
  });

  it('quotes fields with commas, quotes and line breaks', () => {
    expect(csvLine(['a', 1, 'b,c', 'say "hi"', 'two\r\nlines'])).toBe(
      'a,1,"b,c","say ""hi""","two\r\nlines"\n',
    );
  });
});
