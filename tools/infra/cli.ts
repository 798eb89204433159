import {
  credentialsFile,
  type LocalInfraService,
  localInfraConfig,
  localInfraStatus,
  startLocalInfra,
  stopLocalInfra,
} from '@sms/infra';

// `npm run infra -- up|down|status`: the local stack's PostgreSQL and Kafka, as real servers under .local/.

function describe(name: string, service: LocalInfraService): string {
  const details = {
    external: 'from the environment',
    running: 'already running',
    started: `started in ${service.seconds?.toFixed(1)} s`,
  };
  return `${name.padEnd(11)} ${service.value}  (${details[service.state]})`;
}

async function main(command: string | undefined): Promise<void> {
  switch (command ?? '') {
    case 'up': {
      const infra = await startLocalInfra();
      console.log(describe('PostgreSQL', infra.databaseUrl));
      console.log(describe('Kafka', infra.kafkaBrokers));
      console.log(
        `\nexport DATABASE_URL=${infra.databaseUrl.value}\nexport KAFKA_BROKERS=${infra.kafkaBrokers.value}`,
      );
      if (infra.kafkaCredentials) {
        console.log(
          `# Kafka requires SASL (${infra.kafkaCredentials.mechanism}); each principal's password is in ` +
            credentialsFile(localInfraConfig().kafka.dataDir),
        );
      }
      return;
    }
    case 'down':
      await stopLocalInfra();
      console.log('PostgreSQL and Kafka stopped.');
      return;
    case 'status':
      for (const line of await localInfraStatus()) {
        console.log(line);
      }
      return;
    default:
      console.error('Usage: npm run infra -- <up|down|status>');
      process.exitCode = 2;
  }
}

if (require.main === module) {
  main(process.argv[2]).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
