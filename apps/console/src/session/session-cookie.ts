import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../config/console.config';
import { isLoopbackUrl } from './loopback';

// The session cookie: httpOnly (no script reads it), SameSite=Lax (sent on the provider's redirect
// back, not on cross-site posts), Secure everywhere except plain-http development on this machine.
// Secure cookies get the __Host- prefix, which pins them to this host and path /.
@Injectable()
export class SessionCookie {
  readonly name: string;
  private readonly secure: boolean;

  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {
    const url = new URL(config.CONSOLE_PUBLIC_URL);
    this.secure = url.protocol === 'https:' || !isLoopbackUrl(url);
    this.name = this.secure ? '__Host-console-session' : 'console-session';
  }

  read(request: Request): string | undefined {
    return readCookie(request.headers.cookie, this.name);
  }

  write(response: Response, id: string): void {
    response.cookie(this.name, id, { ...this.options, maxAge: this.config.SESSION_TTL_HOURS * 3_600_000 });
  }

  clear(response: Response): void {
    response.clearCookie(this.name, this.options);
  }

  private get options(): CookieOptions {
    return { httpOnly: true, secure: this.secure, sameSite: 'lax', path: '/' };
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) {
    return undefined;
  }
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      return decodeURIComponent(part.slice(index + 1).trim());
    }
  }
  return undefined;
}
