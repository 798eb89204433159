import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ThrottlerOptions } from '@nestjs/throttler';
import { ROUTE_COST, type RouteCost } from './rate-limit.decorators';

export interface RateLimitSettings {
  windowMs: number;
  perIp: number;
  perSubject: number;
  expensivePerSubject: number;
  signInPerIp: number;
}

// The limits run in two guards: the client-address ones before authentication (so a flood of bad
// tokens is stopped too), the token-subject ones after it (so a subject is one the issuer signed, and
// nobody can spend another subject's allowance by claiming its name).
export const CLIENT_LIMITS = ['ip', 'sign-in'] as const;
export const PRINCIPAL_LIMITS = ['subject', 'expensive'] as const;

const reflector = new Reflector();

function costOf(context: ExecutionContext): RouteCost | undefined {
  return reflector.getAllAndOverride<RouteCost | undefined>(ROUTE_COST, [
    context.getHandler(),
    context.getClass(),
  ]);
}

function subjectOf(context: ExecutionContext): string | undefined {
  return context.switchToHttp().getRequest<{ principal?: { subject: string } }>().principal?.subject;
}

// Each client address and each token subject has one allowance across every route of the service
// (keys without the route), so spreading a flood over routes does not multiply it; the tighter
// limits of costly routes are per route.
export function rateLimits(settings: RateLimitSettings): ThrottlerOptions[] {
  return [
    {
      name: 'ip',
      ttl: settings.windowMs,
      limit: settings.perIp,
      generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    },
    {
      name: 'sign-in',
      ttl: settings.windowMs,
      limit: settings.signInPerIp,
      skipIf: (context) => costOf(context) !== 'sign-in',
    },
    {
      name: 'subject',
      ttl: settings.windowMs,
      limit: settings.perSubject,
      skipIf: (context) => subjectOf(context) === undefined,
      getTracker: (req: { principal?: { subject: string } }) => req.principal?.subject ?? '',
      generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    },
    {
      name: 'expensive',
      ttl: settings.windowMs,
      limit: settings.expensivePerSubject,
      skipIf: (context) => costOf(context) !== 'expensive',
      getTracker: (req: { principal?: { subject: string }; ip?: string }) =>
        req.principal?.subject ?? `ip:${req.ip ?? ''}`,
    },
  ];
}
