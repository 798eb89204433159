import type { KafkaMessage } from 'kafkajs';
import { decodeChunk } from './batch-decoder';
import { ProbeEvent } from './fixtures/probe.contract';

const message = (offset: number, value: unknown, key: string | null = 'acc-1'): KafkaMessage => ({
  offset: String(offset),
  key: key === null ? null : Buffer.from(key),
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  timestamp: '1764500000000',
  attributes: 0,
  headers: {},
});

const probe = (id: string) => ({ schemaVersion: 1, id, accountId: 'acc-1', amount: 5 });

describe(decodeChunk.name, () => {
  it('turns valid messages into events and invalid ones into dead letters with their reason', async () => {
    const chunk = [message(10, probe('a')), message(11, '{not json'), message(12, probe('b'), null)];
    const decoded = await decodeChunk({ contract: ProbeEvent, partition: 2, chunk });
    expect(decoded.events).toEqual([
      {
        payload: probe('a'),
        key: 'acc-1',
        topic: 'probe.events',
        partition: 2,
        offset: '10',
        timestamp: '1764500000000',
      },
      {
        payload: probe('b'),
        key: null,
        topic: 'probe.events',
        partition: 2,
        offset: '12',
        timestamp: '1764500000000',
      },
    ]);
    expect(decoded.letters.map((letter) => letter.message.offset)).toEqual(['11']);
    expect(decoded.letters[0].reason).toMatch(/^invalid JSON: /);
    expect(decoded.messageOf.get(decoded.events[1])).toBe(chunk[2]);
  });

  it('keeps every message of a chunk larger than one decoding slice, in order', async () => {
    const chunk = Array.from({ length: 450 }, (_, i) => message(i, probe(`e${i}`)));
    const decoded = await decodeChunk({ contract: ProbeEvent, partition: 0, chunk });
    expect(decoded.events.map((e) => e.offset)).toEqual(chunk.map((m) => m.offset));
  });
});
