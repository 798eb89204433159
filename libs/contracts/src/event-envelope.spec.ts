import { eventEnvelope } from './event-envelope';
import { envelope } from './fields';

describe(eventEnvelope.name, () => {
  it('stamps schema version 1, a fresh uuid and the given moment', () => {
    const first = eventEnvelope(new Date('2026-03-10T09:00:00.000Z'));
    const second = eventEnvelope('2026-03-10T09:00:00.000Z');
    expect(first).toEqual({
      schemaVersion: 1,
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      occurredAt: '2026-03-10T09:00:00.000Z',
    });
    expect(second.occurredAt).toBe(first.occurredAt);
    expect(second.eventId).not.toBe(first.eventId);
  });

  it('builds an envelope the contracts accept', () => {
    const built = eventEnvelope(new Date());
    expect(envelope.eventId.safeParse(built.eventId).success).toBe(true);
    expect(envelope.occurredAt.safeParse(built.occurredAt).success).toBe(true);
  });
});
