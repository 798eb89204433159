import { chmod, chown, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kafkaPrincipals } from '@sms/contracts';
import {
  clientProperties,
  createCatalogueTopics,
  credentialsFile,
  grantKafkaAccess,
  KAFKA_ADMIN,
  type KafkaCredentials,
  newKafkaCredentials,
  readKafkaCredentials,
  scramJaas,
  topicPartitionsFrom,
  writeKafkaCredentials,
} from '@sms/infra';

// docker-compose's Kafka set-up, run from the app image:
//   credentials <dir>  generates every principal's password once (kept in a volume), with the broker's
//                      server.properties and the SCRAM records its storage is formatted with;
//   grants <dir>       once the broker answers, creates the ACLs the event catalogue implies.

// uid of `node` in the app image and of `appuser` in apache/kafka: the files stay private to them.
const CONTAINER_UID = 1000;

async function credentials(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const existing = await readKafkaCredentials(credentialsFile(dir));
  const value = existing ?? newKafkaCredentials(kafkaPrincipals());
  if (!existing) {
    await writeKafkaCredentials(credentialsFile(dir), value);
  }
  const files: Record<string, string> = {
    'server.properties': serverProperties(value),
    'scram-args': scramArgs(value),
    'admin-client.properties': clientProperties(value, KAFKA_ADMIN),
    ...Object.fromEntries(
      Object.entries(value.passwords).map(([principal, password]) => [`${principal}.password`, password]),
    ),
  };
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), content, { mode: 0o600 });
  }
  for (const name of [...Object.keys(files), 'credentials.json']) {
    await chown(join(dir, name), CONTAINER_UID, CONTAINER_UID);
    await chmod(join(dir, name), 0o600);
  }
  await chown(dir, CONTAINER_UID, CONTAINER_UID);
  process.stdout.write(`Kafka principals: ${Object.keys(value.passwords).join(', ')}\n`);
}

// Containers use kafka:9092, the host localhost:19092: SCRAM on both. The broker talks to itself and
// to its controller over PLAIN listeners that are not published.
function serverProperties(value: KafkaCredentials): string {
  const admin = value.passwords[KAFKA_ADMIN];
  const plain = (password: string) =>
    'org.apache.kafka.common.security.plain.PlainLoginModule required ' +
    `username="${KAFKA_ADMIN}" password="${password}" user_${KAFKA_ADMIN}="${password}";`;
  const properties: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': '1@kafka:9093',
    listeners: 'INTERNAL://:9092,CONTROLLER://:9093,BROKER://:9094,HOST://:19092',
    'advertised.listeners': 'INTERNAL://kafka:9092,BROKER://kafka:9094,HOST://localhost:19092',
    'listener.security.protocol.map':
      'INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT,HOST:SASL_PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'BROKER',
    'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'sasl.mechanism.controller.protocol': 'PLAIN',
    'sasl.mechanism.inter.broker.protocol': 'PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.controller.plain.sasl.jaas.config': plain(value.controllerPassword),
    'listener.name.broker.sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.broker.plain.sasl.jaas.config': plain(admin),
    'listener.name.internal.sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'listener.name.internal.scram-sha-512.sasl.jaas.config': scramJaas(KAFKA_ADMIN, admin),
    'listener.name.host.sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'listener.name.host.scram-sha-512.sasl.jaas.config': scramJaas(KAFKA_ADMIN, admin),
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found': 'false',
    'super.users': `User:${KAFKA_ADMIN}`,
    'log.dirs': '/var/lib/kafka/data',
    'num.partitions': '3',
    'auto.create.topics.enable': 'true',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '3',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
  };
  return `${Object.entries(properties)
    .map(([key, v]) => `${key}=${v}`)
    .join('\n')}\n`;
}

// One argument a line, read by the broker's entrypoint into `kafka-storage.sh format`.
function scramArgs(value: KafkaCredentials): string {
  return `${Object.entries(value.passwords)
    .map(([name, password]) => `--add-scram SCRAM-SHA-512=[name=${name},password=${password}]`)
    .join('\n')}\n`;
}

async function grants(dir: string, brokers: string): Promise<void> {
  const value = await readKafkaCredentials(credentialsFile(dir));
  if (value === undefined) {
    throw new Error(`no Kafka credentials in ${dir}: run the credentials step first`);
  }
  const count = await grantKafkaAccess({ brokers, credentials: value, topicPrefix: '' });
  process.stdout.write(`Kafka ACLs in place: ${count}\n`);
  const { created } = await createCatalogueTopics({
    brokers,
    credentials: value,
    topicPrefix: '',
    partitions: topicPartitionsFrom(),
  });
  process.stdout.write(`Kafka topics created: ${created}\n`);
}

async function main([command, dir, brokers]: string[]): Promise<void> {
  if (command === 'credentials' && dir) {
    return credentials(dir);
  }
  if (command === 'grants' && dir && brokers) {
    return grants(dir, brokers);
  }
  process.stderr.write('usage: kafka-compose-setup credentials <dir> | grants <dir> <brokers>\n');
  process.exit(2);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
