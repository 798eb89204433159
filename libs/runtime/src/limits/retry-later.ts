import { HttpException, HttpStatus } from '@nestjs/common';

interface HeaderTarget {
  setHeader(name: string, value: string): unknown;
}

// 429 with Retry-After (RFC 9110 §10.2.3), so well-behaved clients back off for as long as asked.
export function retryLater(response: HeaderTarget, options: { seconds: number; message: string }): never {
  response.setHeader('Retry-After', String(Math.max(1, Math.ceil(options.seconds))));
  throw new HttpException(
    { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: options.message },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
