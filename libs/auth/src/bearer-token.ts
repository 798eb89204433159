import { UnauthorizedException } from '@nestjs/common';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The access token of an `Authorization: Bearer <token>` header; a 401 with the reason otherwise. */
export function bearerToken(request: { headers: Record<string, string | string[] | undefined> }): string {
  const header = request.headers.authorization;
  if (header === undefined || header === '') {
    throw new UnauthorizedException('Missing bearer token');
  }
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  if (match === null) {
    throw new UnauthorizedException("Malformed Authorization header, expected 'Bearer <token>'");
  }
  return match[1];
}
