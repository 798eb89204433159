import type { KafkaMessage } from 'kafkajs';
import { decodeEvent, type EventContract } from '@sms/contracts';
import type { DeadLetter } from './dead-letter.publisher';
import type { InboundEvent } from './inbound-event';

// Messages decoded between two yields to the event loop: about a millisecond of work.
const DECODE_SLICE = 200;

export interface DecodedChunk {
  chunk: KafkaMessage[];
  events: InboundEvent<unknown>[];
  // Messages that are not a valid event of the contract, with the reason, bound for the dead-letter topic.
  letters: DeadLetter[];
  messageOf: Map<InboundEvent<unknown>, KafkaMessage>;
}

// Decodes in slices, yielding to the event loop between them, so a batch handler running meanwhile
// is never held up by more than one slice.
export async function decodeChunk(options: {
  contract: EventContract<unknown>;
  partition: number;
  chunk: KafkaMessage[];
}): Promise<DecodedChunk> {
  const { contract, partition, chunk } = options;
  const decoded: DecodedChunk = { chunk, events: [], letters: [], messageOf: new Map() };
  for (let i = 0; i < chunk.length; i++) {
    if (i > 0 && i % DECODE_SLICE === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const message = chunk[i];
    const result = decodeEvent(contract, message.value);
    if (result.ok) {
      const event: InboundEvent<unknown> = {
        payload: result.payload,
        key: message.key?.toString('utf8') ?? null,
        topic: contract.topic,
        partition,
        offset: message.offset,
        timestamp: message.timestamp,
      };
      decoded.events.push(event);
      decoded.messageOf.set(event, message);
    } else {
      decoded.letters.push({ message, reason: result.reason });
    }
  }
  return decoded;
}
