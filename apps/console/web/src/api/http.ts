import type { paths as BillingPaths } from './openapi/billing';
import type { paths as IdentityPaths } from './openapi/identity';
import type { paths as LedgerPaths } from './openapi/ledger';
import type { paths as NotifierPaths } from './openapi/notifier';

// A thin typed layer over fetch: paths, path parameters, query strings and request bodies come from
// the services' OpenAPI documents (generated types), so a renamed route or field fails the build.
// Calls go to the console's backend (/api/<service>/...), which adds the access token; the browser
// never sees one.

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Operation<P, Path extends keyof P, M extends HttpMethod> =
  P[Path] extends Record<M, infer O> ? O : never;

type MethodsOf<Item> = {
  [M in HttpMethod]: Item extends Record<M, infer O> ? (O extends undefined ? never : M) : never;
}[HttpMethod];

type PathParams<O> = O extends { parameters: { path: infer X } } ? (X extends undefined ? never : X) : never;
type QueryParams<O> = O extends { parameters: { query?: infer Q } } ? Q : never;
type JsonBody<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type JsonResponse<O> = O extends { responses: { 200: { content: { 'application/json': infer R } } } }
  ? R
  : O extends { responses: { 201: { content: { 'application/json': infer R } } } }
    ? R
    : unknown;

type Options<O> = ([PathParams<O>] extends [never] ? { path?: undefined } : { path: PathParams<O> }) & {
  query?: QueryParams<O>;
  body?: JsonBody<O>;
  headers?: Record<string, string>;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

// The session's CSRF token, handed out by /bff/session; every change carries it.
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function buildPath(template: string, params: Record<string, string | number> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) {
      throw new Error(`missing path parameter ${name}`);
    }
    return encodeURIComponent(String(value));
  });
}

export function buildQuery(query: object | undefined): string {
  if (query === undefined) {
    return '';
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (value !== '') {
        search.set(key, String(value));
      }
    }
  }
  const text = search.toString();
  return text.length > 0 ? `?${text}` : '';
}

async function call(
  url: string,
  method: HttpMethod,
  body: unknown,
  headers: Record<string, string>,
): Promise<Response> {
  const init: RequestInit = {
    method: method.toUpperCase(),
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'get' || csrfToken === null ? {} : { 'x-csrf-token': csrfToken }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
  const response = await fetch(url, init);
  if (!response.ok) {
    throw new ApiError(response.status, await errorMessage(response));
  }
  return response;
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const payload = (await response.json()) as { message?: unknown };
    const message = payload.message;
    if (Array.isArray(message)) {
      return message.join('; ');
    }
    if (typeof message === 'string') {
      return message;
    }
  } catch {
    // not JSON
  }
  return `${response.status} ${response.statusText}`;
}

// Every route's document describes its response, so the answer's type comes from it too.
type ResponseOf<P, Path extends keyof P & string, M extends HttpMethod> = JsonResponse<Operation<P, Path, M>>;

interface UrlOptions {
  path?: object;
  query?: object;
}

function serviceClient<P>(service: 'ledger' | 'billing' | 'notifier' | 'identity') {
  const url = (path: string, options: UrlOptions) =>
    `/api/${service}${buildPath(path, options.path as Record<string, string>)}${buildQuery(options.query)}`;
  return {
    async request<Path extends keyof P & string, M extends MethodsOf<P[Path]>>(
      method: M,
      path: Path,
      options: Options<Operation<P, Path, M>>,
    ): Promise<ResponseOf<P, Path, M>> {
      const response = await call(
        url(path, options as UrlOptions),
        method,
        options.body,
        options.headers ?? {},
      );
      if (response.status === 204) {
        return undefined as ResponseOf<P, Path, M>;
      }
      return (await response.json()) as ResponseOf<P, Path, M>;
    },
    // For downloads (CSV, xlsx, PDF): the address the browser fetches itself, with the session cookie.
    href<Path extends keyof P & string>(path: Path, options: Options<Operation<P, Path, 'get'>>): string {
      return url(path, options as UrlOptions);
    },
  };
}

export const ledger = serviceClient<LedgerPaths>('ledger');
export const billing = serviceClient<BillingPaths>('billing');
export const notifier = serviceClient<NotifierPaths>('notifier');
export const identity = serviceClient<IdentityPaths>('identity');

export type { BillingPaths, IdentityPaths, LedgerPaths, NotifierPaths };
