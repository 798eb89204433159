import { countSegments } from './segments';

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

    it('caps a very long message at 255 segments', () => {
      expect(countSegments('ж'.repeat(20_000)).segments).toBe(255);
    });
  });
});
