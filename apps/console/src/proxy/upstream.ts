export const SERVICES = ['ledger', 'billing', 'notifier', 'identity'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function isServiceName(value: string): value is ServiceName {
  return (SERVICES as readonly string[]).includes(value);
}

// The request headers a service needs; cookies and the browser's own credentials never travel on.
export const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'idempotency-key', 'accept-language'];

// What the browser needs back: the body's type and, for downloads, its file name.
export const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-disposition',
  'cache-control',
  'retry-after',
];

// The service URL for a proxied path: each segment re-encoded, so "..", "%2F" or a second "?" in
// the browser's path cannot reach a different route than the one named.
export function upstreamUrl(input: { base: string; segments: readonly string[]; search: string }): URL {
  if (input.segments.some((segment) => segment === '.' || segment === '..' || segment.length === 0)) {
    throw new RangeError('path segments must be non-empty and not . or ..');
  }
  const url = new URL(input.base);
  const basePath = url.pathname.replace(/\/$/, '');
  url.pathname = `${basePath}/${input.segments.map((s) => encodeURIComponent(s)).join('/')}`;
  url.search = input.search;
  return url;
}
