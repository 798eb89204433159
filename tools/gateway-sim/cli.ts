import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { LOCAL_DEFAULTS } from '@sms/config';
import { toolKafkaConfig } from '../infra/kafka-client';
import { fetchDevToken } from '../dev-token';
import { runCampaign } from './campaign';
import { ClientCredentialsTokens } from './client-credentials';
import { LedgerClient } from './ledger-client';
import { describeReport, formatProgress } from './report-format';
import { SmsSender } from './sms-sender';

const USAGE = `Usage: npm run gateway -- --account <id> --recipients <n> [options]

Runs an SMS campaign like a gateway: holds per chunk, one sms.sent per message, releases, stops
cleanly when the ledger grants no more credits.

  --account <id>            account to send for (required)
  --recipients <n>          recipients in the campaign (required)
  --rate <n>                messages per second (default 2000)
  --chunk <n>               recipients per hold (default 1000)
  --wait-for-credits <s>    seconds to keep asking for credits before stopping (default 30)
  --campaign <id>           campaign id (default: a new one); message ids are <campaign>:<index>
  --list <id>               list the campaign draws on
  --seed <n>                seed for the generated messages (default: from the campaign id)
  --json                    print the final report as JSON

Environment: LEDGER_URL (http://127.0.0.1:3001), KAFKA_BROKERS (${LOCAL_DEFAULTS.KAFKA_BROKERS}),
KAFKA_TOPIC_PREFIX (''), AUTH_ISSUER_URL (the identity service, http://127.0.0.1:3004).
The gateway acts as a machine client: GATEWAY_CLIENT_ID and GATEWAY_CLIENT_SECRET (printed by
\`npm run stack\`) get it short-lived tokens by client credentials. Otherwise GATEWAY_TOKEN is used
as it is, or, on a development machine, a token is asked from identity's development-only route.
Kafka: as the sms-gateway principal of the local broker, or KAFKA_SASL_MECHANISM,
KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, KAFKA_SSL (and KAFKA_SSL_CA_FILE) for another broker.`;

// The gateway's credentials: its machine client if given, else a token as it is, else (development
// only) one from identity's development route.
async function gatewayToken(accountId: string): Promise<string | (() => Promise<string>)> {
  const env = process.env;
  if (env.GATEWAY_CLIENT_ID !== undefined && env.GATEWAY_CLIENT_SECRET !== undefined) {
    const tokens = new ClientCredentialsTokens({
      issuerUrl: env.AUTH_ISSUER_URL ?? 'http://127.0.0.1:3004',
      clientId: env.GATEWAY_CLIENT_ID,
      clientSecret: env.GATEWAY_CLIENT_SECRET,
    });
    return () => tokens.token();
  }
  return (
    env.GATEWAY_TOKEN ??
    fetchDevToken({
      issuerUrl: env.AUTH_ISSUER_URL,
      subject: 'sms-gateway',
      accountId,
      role: 'gateway',
      expiresInSeconds: 12 * 3600,
    })
  );
}

function positive(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined && fallback !== undefined) {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < (name === 'wait-for-credits' ? 0 : 1)) {
    throw new Error(`--${name} must be a positive integer`);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      account: { type: 'string' },
      recipients: { type: 'string' },
      rate: { type: 'string' },
      chunk: { type: 'string' },
      'wait-for-credits': { type: 'string' },
      campaign: { type: 'string' },
      list: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || values.account === undefined || values.recipients === undefined) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const env = process.env;
  const ledger = new LedgerClient(
    env.LEDGER_URL ?? 'http://127.0.0.1:3001',
    await gatewayToken(values.account),
  );
  // Only gateway principals may write sms.sent.
  const kafka = await toolKafkaConfig({ tool: 'gateway', principal: 'sms-gateway', env });
  const sender = new SmsSender({
    brokers: kafka.brokers,
    topicPrefix: kafka.topicPrefix,
    security: kafka.security,
  });
  const campaignId = values.campaign ?? `cmp_${randomBytes(4).toString('hex')}`;
  const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  log(
    `campaign ${campaignId}: ${values.recipients} recipients for ${values.account}, publishing to ${sender.topic}`,
  );
  try {
    const report = await runCampaign({
      ledger,
      sender,
      options: {
        accountId: values.account,
        recipients: positive('recipients', values.recipients),
        ratePerSecond: positive('rate', values.rate, 2000),
        chunkSize: positive('chunk', values.chunk, 1000),
        waitForCreditsSeconds: positive('wait-for-credits', values['wait-for-credits'], 30),
        campaignId,
        listId: values.list,
        seed: values.seed !== undefined ? positive('seed', values.seed) : undefined,
      },
      onProgress: (progress) => log(formatProgress(progress)),
    });
    for (const line of describeReport(report)) {
      log(line);
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    }
  } finally {
    await sender.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
