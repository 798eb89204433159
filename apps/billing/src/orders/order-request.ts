import { DateTime } from 'luxon';
import type { Person } from './order';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface Requester {
  subject: string;
  name: string;
  email: string | null;
}

// Who asks for an order and who must approve it [000]. The requester defaults to the signed-in
// subject (its e-mail when the subject is one); an approver other than the requester makes the order
// wait, and then the requester's e-mail is needed to tell them the outcome. Null approver: none.
export function orderParties(input: {
  subject: string;
  requester?: { name: string; email: string };
  approver?: Person;
}): { requester: Requester; approver: Person | null } | { error: string } {
  const requester: Requester = {
    subject: input.subject,
    name: input.requester?.name ?? input.subject,
    email: input.requester?.email ?? (EMAIL.test(input.subject) ? input.subject : null),
  };
  const approver = input.approver ?? null;
  const needsApproval = approver !== null && approver.email.toLowerCase() !== requester.email?.toLowerCase();
  if (needsApproval && requester.email === null) {
    return { error: 'An order for approval needs the requester e-mail (requester.email)' };
  }
  return { requester, approver: needsApproval ? approver : null };
}

// Only the named approver decides; operators may act for them.
export function mayDecide(principal: { role: string; subject: string }, approver: Person): boolean {
  return principal.role === 'operator' || principal.subject.toLowerCase() === approver.email.toLowerCase();
}

// The reference the customer writes on the transfer, so reconciliation finds the order.
export function bankReference(orderId: string): string {
  return `SMS-${orderId.slice(4, 14).toUpperCase()}`;
}

// A bare date means the start of that day in the account's time zone [000]; an instant is taken as
// given. Null when the value is not a date.
export function scheduledInstant(value: string, timeZone: string): string | null {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromISO(value, { zone: timeZone }).startOf('day')
    : DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toUTC().toISO() : null;
}
