// GSM 03.38 basic character set; anything outside it (and outside the extension table) makes the
// whole message UCS-2. One SMS credit pays for one segment; the gateway and the ledger count alike.
const GSM7_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);

// Extension characters are sent as escape + character, so they count twice.
const GSM7_EXTENSION = new Set(Array.from('^{}\\[~]|€\f'));

export const MAX_SEGMENTS = 255;

export interface SegmentCount {
  encoding: 'gsm7' | 'ucs2';
  // Septets for GSM-7, UTF-16 code units for UCS-2.
  units: number;
  segments: number;
}

export function countSegments(body: string): SegmentCount {
  const septets = gsm7Widths(body);
  if (septets) {
    return {
      encoding: 'gsm7',
      units: sum(septets),
      segments: partsFor({ widths: septets, single: 160, perPart: 153 }),
    };
  }
  // UCS-2 counts UTF-16 code units: an emoji outside the BMP is a surrogate pair and takes two.
  const codeUnits = Array.from(body, (char) => char.length);
  return {
    encoding: 'ucs2',
    units: body.length,
    segments: partsFor({ widths: codeUnits, single: 70, perPart: 67 }),
  };
}

// Septets per character, or undefined when a character forces UCS-2.
function gsm7Widths(body: string): number[] | undefined {
  const widths: number[] = [];
  for (const char of body) {
    if (GSM7_BASIC.has(char)) {
      widths.push(1);
    } else if (GSM7_EXTENSION.has(char)) {
      widths.push(2);
    } else {
      return undefined;
    }
  }
  return widths;
}

// Handsets cannot rebuild an escape + character or a surrogate pair split over two parts
// (3GPP TS 23.040 concatenation), so a two-unit character that would straddle the end of a
// part opens the next part whole; the count follows that actual split.
function partsFor(options: { widths: number[]; single: number; perPart: number }): number {
  if (sum(options.widths) <= options.single) {
    return 1;
  }
  let parts = 1;
  let used = 0;
  for (const width of options.widths) {
    if (used + width > options.perPart) {
      parts += 1;
      used = 0;
      if (parts >= MAX_SEGMENTS) {
        return MAX_SEGMENTS;
      }
    }
    used += width;
  }
  return parts;
}

function sum(widths: number[]): number {
  return widths.reduce((total, width) => total + width, 0);
}
