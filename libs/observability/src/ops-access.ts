import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';

export const OPS_TOKEN = Symbol('OPS_TOKEN');

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
}

// Whether a request may see what operators see: metrics, API docs, readiness detail. Without a
// configured token everybody may (local runs); with one, only a bearer of it.
export function presentsOpsToken(request: RequestLike, token: string | undefined): boolean {
  if (token === undefined) {
    return true;
  }
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (match === null) {
    return false;
  }
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  // Constant time, so the token cannot be guessed a character at a time.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

@Injectable()
export class OpsAccess {
  constructor(@Inject(OPS_TOKEN) private readonly token: string | undefined) {}

  get tokenRequired(): boolean {
    return this.token !== undefined;
  }

  allows(request: RequestLike): boolean {
    return presentsOpsToken(request, this.token);
  }

  // Express middleware for what is not a Nest route (Swagger UI), or to guard a whole path prefix.
  middleware(): (request: RequestLike, response: OpsResponse, next: () => void) => void {
    return (request, response, next) => {
      if (this.allows(request)) {
        next();
        return;
      }
      response.setHeader('WWW-Authenticate', 'Bearer realm="operations"');
      response.status(401).json({ statusCode: 401, message: 'This endpoint needs the operations token' });
    };
  }
}

interface OpsResponse {
  setHeader(name: string, value: string): unknown;
  status(code: number): { json(body: unknown): unknown };
}
