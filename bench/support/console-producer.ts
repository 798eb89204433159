import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientProperties, ensureKafkaJars } from '@sms/infra';
import type { BenchInfra } from './bench-infra';

export interface SmsSpec {
  accountId: string;
  messageId: string;
  campaignId: string;
  segments: number;
}

// The producer plays the gateway. It is Kafka's own console producer (the Java client, from the jars
// the local broker runs on): on a real system the gateway is another machine, and the Java client takes
// a fraction of the CPU kafkajs would take from the ledger on this shared box. Each message is keyed
// by its account, so Kafka's default partitioner keeps an account on one partition, as the contract
// says. Payloads are built before the clock starts; sentAt is stamped when a chunk is written, so
// committed_at − sentAt is the produce→committed latency.
export class ConsoleProducer {
  produced = 0;

  private constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<number | null>,
    private readonly propertiesFile: string,
  ) {}

  static async start(options: {
    infra: BenchInfra;
    // sms-gateway for sms.sent; the admin for the bench's own topics.
    principal: string;
    topic: string;
    run: string;
  }): Promise<ConsoleProducer> {
    // The principal's password goes to the JVM in a file only its owner reads, removed once it exits.
    const security: string[] = [];
    const propertiesFile = join(
      tmpdir(),
      `sms-bench-${options.run}-${options.principal}-${Date.now()}.properties`,
    );
    if (options.infra.credentials !== undefined) {
      writeFileSync(propertiesFile, clientProperties(options.infra.credentials, options.principal), {
        mode: 0o600,
      });
      security.push('--producer.config', propertiesFile);
    }
    const child = spawn(
      'java',
      [
        '-Xms128m',
        '-Xmx512m',
        '-XX:+UseSerialGC',
        '-XX:TieredStopAtLevel=1',
        `-Dlog4j.configuration=file:${join(__dirname, '..', 'producer-log4j.properties')}`,
        '-cp',
        join(await ensureKafkaJars(), '*'),
        'kafka.tools.ConsoleProducer',
        '--bootstrap-server',
        options.infra.brokers,
        ...security,
        '--topic',
        options.topic,
        '--property',
        'parse.key=true',
        '--property',
        'key.separator=\t',
        '--producer-property',
        'acks=1',
        '--producer-property',
        'linger.ms=5',
        '--producer-property',
        'batch.size=262144',
      ],
      { stdio: ['pipe', 'inherit', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    // The JVM starts and connects before any clock does.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return new ConsoleProducer(child, exited, propertiesFile);
  }

  // Writes messages now, stamped with the current time; waits when the pipe is full.
  async send(heads: readonly string[]): Promise<void> {
    const tail = `${new Date().toISOString()}"}\n`;
    let lines = '';
    for (const head of heads) {
      lines += head + tail;
    }
    this.produced += heads.length;
    const stdin = this.child.stdin!;
    if (!stdin.write(lines)) {
      await new Promise((resolve) => stdin.once('drain', resolve));
    }
  }

  // As fast as the pipe takes them, in chunks of 500 each stamped just before it is written.
  async sendAll(heads: readonly string[]): Promise<void> {
    for (let i = 0; i < heads.length; i += 500) {
      await this.send(heads.slice(i, i + 500));
    }
  }

  // At a fixed offered rate: a tenth of a second's worth every 100 ms, each tick stamped when written,
  // so the latency is that of a gateway sending steadily rather than of a backlog.
  async sendPaced(options: { heads: readonly string[]; perSecond: number }): Promise<void> {
    const began = Date.now();
    let sent = 0;
    while (sent < options.heads.length) {
      const due = Math.min(
        options.heads.length,
        Math.floor(((Date.now() - began) / 1000) * options.perSecond) + Math.ceil(options.perSecond / 10),
      );
      if (due > sent) {
        await this.send(options.heads.slice(sent, due));
        sent = due;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 - ((Date.now() - began) % 100)));
    }
  }

  async close(): Promise<void> {
    this.child.stdin!.end();
    const code = await this.exited;
    rmSync(this.propertiesFile, { force: true });
    if (code !== 0) {
      throw new Error(`the console producer exited with ${code}`);
    }
  }
}

// The key and the payload up to sentAt, which is appended when the message is written.
export function smsHead(sms: SmsSpec): string {
  return (
    `${sms.accountId}\t{"schemaVersion":1,"messageId":"${sms.messageId}","accountId":"${sms.accountId}",` +
    `"to":"+393471234567","segments":${sms.segments},"campaignId":"${sms.campaignId}","sentAt":"`
  );
}

// count messages spread round-robin over the accounts, 1–3 segments each.
export function smsBatch(options: {
  count: number;
  accounts: readonly string[];
  campaignId: string;
  tag: string;
}): { heads: string[]; millicreditsPerAccount: Map<string, number> } {
  const heads: string[] = [];
  const millicreditsPerAccount = new Map<string, number>();
  for (let j = 0; j < options.count; j++) {
    const accountId = options.accounts[j % options.accounts.length];
    const segments = 1 + (j % 3);
    heads.push(
      smsHead({ accountId, messageId: `${options.tag}-${j}`, campaignId: options.campaignId, segments }),
    );
    millicreditsPerAccount.set(accountId, (millicreditsPerAccount.get(accountId) ?? 0) + segments * 1000);
  }
  return { heads, millicreditsPerAccount };
}
