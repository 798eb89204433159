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
  let septets = 0;
  let gsm = true;
  for (const char of body) {
    if (GSM7_BASIC.has(char)) {
      septets += 1;
    } else if (GSM7_EXTENSION.has(char)) {
      septets += 2;
    } else {
      gsm = false;
      break;
    }
  }
  if (gsm) {
    return { encoding: 'gsm7', units: septets, segments: segmentsFor(septets, 160, 153) };
  }
  // UCS-2 counts UTF-16 code units: an emoji outside the BMP takes two.
  return { encoding: 'ucs2', units: body.length, segments: segmentsFor(body.length, 70, 67) };
}

function segmentsFor(units: number, single: number, perPart: number): number {
  if (units <= single) {
    return 1;
  }
  return Math.min(MAX_SEGMENTS, Math.ceil(units / perPart));
}
