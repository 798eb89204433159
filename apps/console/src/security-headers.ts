import type { NextFunction, Request, Response } from 'express';

// Stripe Elements talks to Stripe's API from its own frames.
const STRIPE_API_ORIGIN = 'https://api.stripe.com';

// The single-page app loads only its own scripts and styles and talks only to this origin, with one
// exception: Stripe.js from its configured address, whose card fields live in Stripe's frames (so card
// numbers never touch the console). No page of the console may be framed (clickjacking on the buy and
// approve buttons).
export function contentSecurityPolicy(options: { stripeJsUrl: string }): string {
  const stripe = new URL(options.stripeJsUrl).origin;
  return [
    "default-src 'self'",
    `script-src 'self' ${stripe}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${STRIPE_API_ORIGIN}`,
    `frame-src ${stripe}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(options: { stripeJsUrl: string }) {
  const policy = contentSecurityPolicy(options);
  return (_request: Request, response: Response, next: NextFunction): void => {
    response.setHeader('content-security-policy', policy);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'same-origin');
    response.setHeader('x-frame-options', 'DENY');
    next();
  };
}
