import { CATALOGUE } from './catalogue';
import { kafkaGrants, kafkaPrincipals } from './kafka-access';
import { Topics } from './topics';

const grants = kafkaGrants({ topicPrefix: 'env1.' });
const writers = (topic: string) =>
  grants
    .filter((g) => g.resource === 'topic' && g.name === `env1.${topic}` && g.operation === 'write')
    .map((g) => g.principal)
    .sort();
const readers = (topic: string) =>
  grants
    .filter((g) => g.resource === 'topic' && g.name === `env1.${topic}` && g.operation === 'read')
    .map((g) => g.principal)
    .sort();

describe(kafkaGrants.name, () => {
  it('lets only billing write credits.granted', () => {
    expect(writers(Topics.CreditsGranted)).toEqual(['billing']);
  });

  it('lets only billing and the payment adapter write payment events', () => {
    expect(writers(Topics.PaymentSucceeded)).toEqual(['billing', 'payment-provider']);
    expect(writers(Topics.PaymentFailed)).toEqual(['billing', 'payment-provider']);
    expect(writers(Topics.PaymentRequested)).toEqual(['billing']);
  });

  it('lets only the gateway write sms.sent and only the ledger read it', () => {
    expect(writers(Topics.SmsSent)).toEqual(['sms-gateway']);
    expect(readers(Topics.SmsSent)).toEqual(['ledger']);
  });

  it('gives each consumer its own group and dead-letter topic under the prefix', () => {
    const ledger = grants.filter((g) => g.principal === 'ledger');
    expect(ledger).toContainEqual({
      principal: 'ledger',
      resource: 'group',
      name: 'env1.ledger.sms.sent',
      operation: 'read',
    });
    expect(ledger).toContainEqual({
      principal: 'ledger',
      resource: 'topic',
      name: 'env1.ledger.sms.sent.dlq',
      operation: 'write',
    });
    expect(ledger.some((g) => g.name.startsWith('env1.notifier.'))).toBe(false);
  });

  it('lets each consumer read only its own dead-letter topics, through groups under its own prefix', () => {
    const dlqReaders = grants.filter(
      (g) => g.resource === 'topic' && g.name.endsWith('.dlq') && g.operation === 'read',
    );
    expect(dlqReaders).toContainEqual({
      principal: 'ledger',
      resource: 'topic',
      name: 'env1.ledger.sms.sent.dlq',
      operation: 'read',
    });
    for (const grant of dlqReaders) {
      expect(grant.name.startsWith(`env1.${grant.principal}.`)).toBe(true);
    }
    const readerGroups = grants.filter((g) => g.pattern === 'prefixed');
    expect(readerGroups.map((g) => [g.principal, g.resource, g.name, g.operation]).sort()).toEqual([
      ['billing', 'group', 'env1.billing.dlq-reader.', 'read'],
      ['ledger', 'group', 'env1.ledger.dlq-reader.', 'read'],
      ['notifier', 'group', 'env1.notifier.dlq-reader.', 'read'],
      ['payment-provider', 'group', 'env1.payment-provider.dlq-reader.', 'read'],
      ['sms-gateway', 'group', 'env1.sms-gateway.dlq-reader.', 'read'],
    ]);
    // Reading dead letters adds no write: every write on a topic is still the producer's or the
    // consumer's own dead-letter topic.
    for (const grant of grants.filter((g) => g.resource === 'topic' && g.operation === 'write')) {
      const contract = CATALOGUE.find((c) => `env1.${c.topic}` === grant.name);
      const ownDeadLetters = grant.name.startsWith(`env1.${grant.principal}.`) && grant.name.endsWith('.dlq');
      expect(ownDeadLetters || contract?.producers.includes(grant.principal)).toBe(true);
    }
  });

  it('grants every write and read to a party the catalogue names for that topic', () => {
    for (const grant of grants.filter((g) => g.resource === 'topic' && !g.name.endsWith('.dlq'))) {
      const contract = CATALOGUE.find((c) => `env1.${c.topic}` === grant.name);
      expect(contract).toBeDefined();
      const allowed =
        grant.operation === 'write'
          ? contract?.producers
          : grant.operation === 'read'
            ? contract?.consumers
            : [...(contract?.producers ?? []), ...(contract?.consumers ?? [])];
      expect(allowed).toContain(grant.principal);
    }
  });
});

describe(kafkaPrincipals.name, () => {
  it('names every service, the gateway and the payment adapter, never the admin', () => {
    expect(kafkaPrincipals()).toEqual([
      'billing',
      'identity',
      'ledger',
      'notifier',
      'payment-provider',
      'sms-gateway',
    ]);
  });
});
