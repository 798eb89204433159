import { randomUUID } from 'node:crypto';
import { Topics } from '@sms/contracts';
import { topicSnapshot } from '../../../tools/demo/topic-snapshot';
import {
  adminSasl,
  asRecords,
  expectations,
  Infra,
  prepareLedger,
  publishPaced,
  RawProducer,
  ScenarioLog,
  startApp,
  topicPrefix,
  traffic,
  verifyLedger,
} from '../support';

const ACCOUNTS = ['acc_h1', 'acc_h2', 'acc_h3'];
const CREDITS_EACH = 1_000_000;

type Hostile = { kind: string; key: string | null; value: string | null };

// A well-formed event to spoil.
const base = (i: number): Record<string, unknown> => ({
  schemaVersion: 1,
  messageId: `bad:${i}`,
  accountId: ACCOUNTS[i % ACCOUNTS.length],
  to: '+393471234567',
  segments: 1,
  sentAt: new Date().toISOString(),
});

const SPOILERS: ((i: number) => Hostile)[] = [
  (i) => ({ kind: 'bad JSON', key: 'acc_h1', value: `{"schemaVersion":1,"messageId":"bad:${i}",` }),
  (i) => ({ kind: 'not an object', key: 'acc_h1', value: `[${i}, "sms"]` }),
  (_i) => ({ kind: 'null value', key: 'acc_h1', value: null }),
  (i) => ({
    kind: 'binary garbage',
    key: 'acc_h2',
    value: Buffer.from([0xff, 0xfe, 0x00, i % 256]).toString('latin1'),
  }),
  (i) => ({
    kind: 'segments as string',
    key: 'acc_h1',
    value: JSON.stringify({ ...base(i), segments: '3' }),
  }),
  (i) => ({ kind: 'negative segments', key: 'acc_h2', value: JSON.stringify({ ...base(i), segments: -5 }) }),
  (i) => ({ kind: 'huge segments', key: 'acc_h3', value: JSON.stringify({ ...base(i), segments: 1e12 }) }),
  (i) => ({
    kind: 'fractional segments',
    key: 'acc_h3',
    value: JSON.stringify({ ...base(i), segments: 1.5 }),
  }),
  (i) => ({
    kind: 'unknown schema version',
    key: 'acc_h1',
    value: JSON.stringify({ ...base(i), schemaVersion: 2 }),
  }),
  (i) => ({
    kind: 'missing sentAt',
    key: 'acc_h2',
    value: JSON.stringify({ ...base(i), sentAt: undefined }),
  }),
  (i) => ({
    kind: 'very long body',
    key: 'acc_h3',
    value: JSON.stringify({ ...base(i), segments: undefined, body: 'A'.repeat(50_000) }),
  }),
  (i) => ({
    kind: 'very long message id',
    key: 'acc_h1',
    value: JSON.stringify({ ...base(i), messageId: 'x'.repeat(5_000) }),
  }),
  (i) => ({
    kind: 'SQL in account id',
    key: 'acc_h1',
    value: JSON.stringify({ ...base(i), accountId: "acc_h1'; drop table ledger.account; --" }),
  }),
  (i) => ({
    kind: 'SQL in message id',
    key: 'acc_h2',
    value: JSON.stringify({ ...base(i), messageId: `1 OR 1=1; DELETE FROM ledger.charge -- ${i}` }),
  }),
  (i) => ({
    kind: 'not a phone number',
    key: 'acc_h3',
    value: JSON.stringify({ ...base(i), to: "'); select pg_sleep(10); --" }),
  }),
  (i) => ({
    kind: 'both body and segments',
    key: 'acc_h1',
    value: JSON.stringify({ ...base(i), body: 'hi' }),
  }),
  (i) => ({
    kind: 'unknown account',
    key: 'acc_nobody',
    value: JSON.stringify({ ...base(i), accountId: `acc_nobody_${i % 7}` }),
  }),
];

// 10,000 malformed or hostile events mixed into good traffic: all dead-lettered with a reason, the
// consumer never dies, every good event (some carrying SQL-looking bodies) charged exactly once.
export async function hostileEvents(
  infra: Infra,
  options: { hostile: number; good: number },
): Promise<ScenarioLog> {
  const log = new ScenarioLog('malformed and hostile events');
  const prefix = topicPrefix('hostile');
  const ledger = await startApp({ name: 'ledger', infra, topicPrefix: prefix, label: 'hostile' });
  const pid = ledger.pid;
  const producer = new RawProducer(infra, prefix);
  await producer.connect();
  try {
    const api = await prepareLedger({ ledger, producer, accounts: ACCOUNTS, creditsEach: CREDITS_EACH });
    const t = traffic({ accounts: ACCOUNTS, count: options.good, campaignId: 'hostile', seed: 11 });
    // Hostile text in a valid field is just text: charged like any other message.
    for (let i = 0; i < t.events.length; i += 50) {
      t.events[i] = {
        ...t.events[i],
        body: `Robert'); DROP TABLE ledger.charge;-- ${randomUUID()}`.slice(0, 60),
      };
    }
    const hostile: Hostile[] = Array.from({ length: options.hostile }, (_, i) =>
      SPOILERS[i % SPOILERS.length](i),
    );
    const good = asRecords(t.events);
    const mixed: { key: string | null; value: string | null }[] = [];
    const every = Math.max(1, Math.floor(good.length / hostile.length));
    let h = 0;
    good.forEach((record, i) => {
      mixed.push(record);
      if (i % every === 0 && h < hostile.length) {
        mixed.push({ key: hostile[h].key, value: hostile[h].value });
        h += 1;
      }
    });
    for (; h < hostile.length; h += 1) {
      mixed.push({ key: hostile[h].key, value: hostile[h].value });
    }
    const kinds = new Map<string, number>();
    for (const event of hostile) {
      kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
    }
    log.did(
      `publishing ${good.length.toLocaleString('en-US')} good sms.sent mixed with ${hostile.length.toLocaleString('en-US')} hostile ones of ${kinds.size} kinds: ${[...kinds.keys()].join(', ')}`,
    );
    await publishPaced({ producer, records: mixed, ratePerSecond: 10_000 });
    // Some bodies were replaced: charge expectations from the events as published.
    const expected = expectations(t.events);
    await verifyLedger({ log, api, creditsEach: CREDITS_EACH, traffic: expected });
    const dlqTopic = `${prefix}ledger.${Topics.SmsSent}.dlq`;
    const dead = await until(dlqTopic, infra, hostile.length);
    const reasons = new Map<string, number>();
    for (const record of dead) {
      const reason = (record.headers['dlq-reason'] ?? '')
        .replace(/bad:\d+|acc_nobody_\d|\d+/g, '#')
        .slice(0, 70);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    log.check(
      `dead-letter topic holds ${dead.length.toLocaleString('en-US')} events = ${hostile.length.toLocaleString('en-US')} hostile ones`,
      dead.length === hostile.length,
    );
    log.check(
      'every dead letter carries a reason',
      dead.every((r) => (r.headers['dlq-reason'] ?? '').length > 0),
    );
    for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      log.did(`  ${String(count).padStart(5)} × ${reason}`);
    }
    log.check(
      `the ledger never crashed (same pid ${pid}, still ready)`,
      ledger.running && ledger.pid === pid && (await fetch(`${ledger.url}/health/ready`)).ok,
    );
  } finally {
    if (!log.passed) {
      process.stdout.write(`  last lines of the ledger's log:\n${ledger.tail(25)}\n`);
    }
    await producer.close();
    await ledger.stop();
  }
  return log;
}

async function until(topic: string, infra: Infra, count: number) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const records = await topicSnapshot({ brokers: infra.kafkaBrokers, topic, sasl: adminSasl(infra) });
    if (records.length >= count || Date.now() > deadline) {
      return records;
    }
    await new Promise((done) => setTimeout(done, 1000));
  }
}
