import { countSegments, MAX_SEGMENTS } from './segments';

// Bodies built from the concatenation rule: a part holds 153 septets (GSM-7) or 67 UTF-16 code
// units (UCS-2), and a two-unit character (escape + extension character, or a surrogate pair)
// that would straddle two parts moves whole to the next one.
const GSM_PART = 153;
const UCS2_PART = 67;

// k full parts, except that the last slot of part k cannot take the two-unit character, which
// opens part k + 1; `fill` more one-unit characters follow it.
function straddlingBody(options: {
  k: number;
  one: string;
  two: string;
  part: number;
  fill: number;
}): string {
  return options.one.repeat(options.part * options.k - 1) + options.two + options.one.repeat(options.fill);
}

function boundaries(): number[] {
  return Array.from({ length: MAX_SEGMENTS - 2 }, (_, i) => i + 1);
}

describe(countSegments.name, () => {
  describe('with GSM-7 text', () => {
    it('fits 160 characters in one segment', () => {
      expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    });

    it('needs two segments of 153 from 161 characters', () => {
      expect(countSegments('a'.repeat(161)).segments).toBe(2);
    });

    it('fits 306 characters in two segments and needs three for 307', () => {
      expect(countSegments('a'.repeat(306)).segments).toBe(2);
      expect(countSegments('a'.repeat(307)).segments).toBe(3);
    });

    it('counts an empty message as one segment', () => {
      expect(countSegments('').segments).toBe(1);
    });
  });

  describe('with GSM-7 extension characters', () => {
    it('counts each extension character twice', () => {
      expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    });

    it('spills into a second segment when an extension character crosses 160 septets', () => {
      expect(countSegments(`${'a'.repeat(159)}€`).segments).toBe(2);
      expect(countSegments(`${'a'.repeat(158)}[`).segments).toBe(1);
    });

    it.each(boundaries())(
      'moves an escape pair that would straddle the end of part %i whole into the next part',
      (k) => {
        const body = straddlingBody({ k, one: 'a', two: '€', part: GSM_PART, fill: GSM_PART - 1 });
        // Part k + 1 holds the pair and 151 more; the last character opens part k + 2.
        expect(countSegments(body)).toEqual({ encoding: 'gsm7', units: GSM_PART * (k + 1), segments: k + 2 });
      },
    );

    it.each(boundaries())('keeps %i full parts when an escape pair ends exactly on a boundary', (k) => {
      const body = 'a'.repeat(GSM_PART * k - 2) + '€' + 'a'.repeat(GSM_PART - 2) + '~';
      expect(countSegments(body)).toEqual({ encoding: 'gsm7', units: GSM_PART * (k + 1), segments: k + 1 });
    });

    it('loses one septet per part when every part ends on an escape pair', () => {
      // 76 pairs fill 152 septets; the 77th cannot take the 153rd and opens the next part.
      expect(countSegments('€'.repeat(76 * 154))).toEqual({
        encoding: 'gsm7',
        units: 2 * 76 * 154,
        segments: 154,
      });
    });
  });

  describe('with UCS-2 text', () => {
    it('fits 70 characters in one segment and needs two for 71', () => {
      expect(countSegments('ж'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
      expect(countSegments('ж'.repeat(71)).segments).toBe(2);
    });

    it('fits 134 characters in two segments of 67 and needs three for 135', () => {
      expect(countSegments('ж'.repeat(134)).segments).toBe(2);
      expect(countSegments('ж'.repeat(135)).segments).toBe(3);
    });

    it('makes the whole message UCS-2 for one emoji and counts its two code units', () => {
      expect(countSegments(`${'a'.repeat(68)}😀`)).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
      expect(countSegments(`${'a'.repeat(69)}😀`).segments).toBe(2);
    });

    it.each(boundaries())(
      'moves a surrogate pair that would straddle the end of part %i whole into the next part',
      (k) => {
        const body = straddlingBody({ k, one: 'ж', two: '😀', part: UCS2_PART, fill: UCS2_PART - 1 });
        expect(countSegments(body)).toEqual({
          encoding: 'ucs2',
          units: UCS2_PART * (k + 1),
          segments: k + 2,
        });
      },
    );

    it.each(boundaries())('keeps %i full parts when a surrogate pair ends exactly on a boundary', (k) => {
      const body = 'ж'.repeat(UCS2_PART * k - 2) + '😀' + 'ж'.repeat(UCS2_PART - 2) + '🎉';
      expect(countSegments(body)).toEqual({ encoding: 'ucs2', units: UCS2_PART * (k + 1), segments: k + 1 });
    });

    it('loses one code unit per part when every part ends on a surrogate pair', () => {
      // 33 emoji fill 66 code units; the 34th cannot take the 67th and opens the next part.
      expect(countSegments('😀'.repeat(33 * 68))).toEqual({
        encoding: 'ucs2',
        units: 2 * 33 * 68,
        segments: 68,
      });
    });

    it('caps a very long message at 255 segments', () => {
      expect(countSegments('ж'.repeat(20_000)).segments).toBe(255);
    });
  });
});
