import { parsePhoneNumberFromString } from 'libphonenumber-js';

const cache = new Map<string, string | null>();
const CACHE_LIMIT = 50_000;

// The destination country of an sms.sent, from the number's calling code; the gateway and the ledger
// must pick the same rate. Parsing is costly on the hot path, and the
// country is decided by the leading digits (calling code plus, for shared codes such as +1, the area
// code), so results are memoised by the first seven digits.
export function countryOfNumber(to: string): string | null {
  const international = to.startsWith('+') ? to : `+${to}`;
  const prefix = international.slice(0, 8);
  const cached = cache.get(prefix);
  if (cached !== undefined) {
    return cached;
  }
  const country = parsePhoneNumberFromString(international)?.country ?? null;
  if (cache.size >= CACHE_LIMIT) {
    cache.clear();
  }
  cache.set(prefix, country);
  return country;
}
