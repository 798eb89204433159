import { randomUUID } from 'node:crypto';

export interface EventEnvelope {
  schemaVersion: 1;
  eventId: string;
  occurredAt: string;
}

// How every event begins: the schema version, a fresh id (what consumers deduplicate on) and the moment
// it happened, as the producing service's clock saw it.
export function eventEnvelope(occurredAt: Date | string): EventEnvelope {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString(),
  };
}
