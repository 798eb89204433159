import 'reflect-metadata';
import { z } from 'zod';
import { defineContract } from '@sms/contracts';
import { BATCH_HANDLER, BatchHandler, type BatchHandlerMetadata } from './batch-handler.decorator';
import type { BatchOutcome, InboundEvent } from './inbound-event';

// Two contracts whose payloads differ, as two topics' events do.
const AmountAdded = defineContract({
  topic: 'amount.added',
  version: 1,
  summary: 'An amount was added',
  producers: ['test'],
  consumers: ['test'],
  schema: z.object({ accountId: z.string(), amountMillicredits: z.number().int() }),
  key: (e) => e.accountId,
});
type AmountAddedEvent = z.infer<typeof AmountAdded.schema>;

const NoteWritten = defineContract({
  topic: 'note.written',
  version: 1,
  summary: 'A note was written',
  producers: ['test'],
  consumers: ['test'],
  schema: z.object({ noteId: z.string(), text: z.string() }),
  key: (e) => e.noteId,
});
type NoteWrittenEvent = z.infer<typeof NoteWritten.schema>;

// The decorator's type is checked by `npm run typecheck` (this file is part of tsconfig.json): each
// expected-error directive below fails the typecheck if the decorator ever accepts the handler under it.
class Handlers {
  @BatchHandler(AmountAdded, { maxBatchSize: 50 })
  async added(events: InboundEvent<AmountAddedEvent>[]): Promise<void> {
    await Promise.resolve(events.length);
  }

  @BatchHandler(NoteWritten, { maxInFlight: 2 })
  written(events: InboundEvent<NoteWrittenEvent>[]): Promise<BatchOutcome> {
    return Promise.resolve({
      rejected: events.slice(0, 1).map((event) => ({ event, reason: 'empty note' })),
    });
  }

  // @ts-expect-error: the handler takes notes but is wired to the amount topic.
  @BatchHandler(AmountAdded)
  async wrongTopic(events: InboundEvent<NoteWrittenEvent>[]): Promise<void> {
    await Promise.resolve(events.length);
  }

  // @ts-expect-error: a handler takes the batch, not a single event.
  @BatchHandler(AmountAdded)
  async oneEvent(event: InboundEvent<AmountAddedEvent>): Promise<void> {
    await Promise.resolve(event.offset);
  }

  // @ts-expect-error: the offsets are committed after the handler's promise, so it must return one.
  @BatchHandler(NoteWritten)
  notAsync(events: InboundEvent<NoteWrittenEvent>[]): number {
    return events.length;
  }
}

const metadataOf = (method: keyof Handlers): BatchHandlerMetadata | undefined =>
  Reflect.getMetadata(BATCH_HANDLER, Handlers.prototype[method]) as BatchHandlerMetadata | undefined;

describe('BatchHandler', () => {
  it('records the contract with the default batch size and one chunk in flight', () => {
    expect(metadataOf('added')).toEqual({
      contract: AmountAdded,
      maxBatchSize: 50,
      maxInFlight: 1,
      partitionsConcurrently: 1,
    });
  });

  it('records the chunks in flight a handler allows', () => {
    expect(metadataOf('written')).toEqual({
      contract: NoteWritten,
      maxBatchSize: 5000,
      maxInFlight: 2,
      partitionsConcurrently: 1,
    });
  });
});
