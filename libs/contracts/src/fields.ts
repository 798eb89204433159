import { z } from 'zod';

// Shared field shapes. Identifiers are bounded so a hostile event cannot bloat a row or a log line.
export const identifier = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.:@-]+$/, 'may contain only letters, digits and . _ : @ -');

export const accountId = identifier;

export const eventId = z.uuid();

export const timestamp = z.iso.datetime({ offset: true });

export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');

// Every credit amount is an exact integer of millicredits (1 credit = 1,000) in a field named
// `…Millicredits`. What people buy is whole credits, so a purchase is a multiple of 1,000.
export const wholeCreditsInMillicredits = z.number().int().positive().max(1e15).multipleOf(1000);

export const millicredits = z.number().int().min(-1e15).max(1e15);

export const minorUnits = z.number().int().min(0).max(1e13);

export const CREDIT_SCALE = 1000;

export const envelope = {
  eventId,
  occurredAt: timestamp,
  accountId,
};
