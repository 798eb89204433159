import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import {
  credentialsFile,
  generatePassword,
  KAFKA_ADMIN,
  KafkaCredentials,
  newKafkaCredentials,
  readKafkaCredentials,
  saslFor,
  writeKafkaCredentials,
} from './kafka-credentials';
import {
  KAFKA_VERSION,
  isCommandMissing,
  isPortOpen,
  isProcessAlive,
  kafkaCacheDir,
  processCommandLine,
  readPidFile,
  repoRoot,
  run,
  sleep,
  tailFile,
  withFileLock,
} from './paths';

export interface StartKafkaOptions {
  dataDir: string;
  port: number;
  controllerPort: number;
  /** The SCRAM principals besides the admin (services, gateways, payment adapters). */
  principals: readonly string[];
  /** How long to wait for the broker to become usable; 90 s by default. */
  readyTimeoutMs?: number;
}

export interface KafkaBroker {
  /** Bootstrap servers, e.g. 127.0.0.1:19092 */
  brokers: string;
  pid: number;
  /** True when a broker started from this dataDir was already running. */
  alreadyRunning: boolean;
  /** Every principal's password; also in credentialsFile. */
  credentials: KafkaCredentials;
  credentialsFile: string;
}

export interface KafkaStatus {
  running: boolean;
  pid?: number;
  brokers?: string;
}

const PID_FILE = 'kafka.pid';
const LOG_FILE = 'kafka.log';
const CONFIG_FILE = 'server.properties';
const LOG4J_FILE = 'log4j.properties';
const ADMIN_CLIENT_FILE = 'admin-client.properties';
const CLIENT_LISTENER = 'CLIENT';
const MARKER_JAR = `kafka_2.13-${KAFKA_VERSION}.jar`;
const JAVA_MISSING =
  'Java 17+ is required to run the local Kafka broker (not found on PATH). ' +
  'Install a JDK or set KAFKA_BROKERS to use an existing broker.';
const MAVEN_MISSING =
  'Maven (mvn) is required to download the Kafka broker jars (not found on PATH). ' +
  'Install Maven, or set KAFKA_BROKERS to use an existing broker.';

/**
 * Starts a single-node KRaft broker (Apache Kafka from Maven Central jars) from dataDir, detached so it
 * outlives the caller, and waits until it is usable. Idempotent: a broker from dataDir that is already
 * running is returned as it is.
 */
export async function startKafka(opts: StartKafkaOptions): Promise<KafkaBroker> {
  const dataDir = resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  return withFileLock(`${dataDir}.lock`, async () => {
    const brokers = `127.0.0.1:${opts.port}`;
    const existing = await runningBroker(dataDir);
    if (existing !== undefined) {
      const running = (await configuredBrokers(dataDir)) ?? brokers;
      const credentials = await existingCredentials(dataDir);
      // A broker whose launcher died before it was ready gets the full readiness check.
      if (!(await isPortOpen(portOf(running)))) {
        await waitUntilReady(running, dataDir, existing, credentials, opts.readyTimeoutMs ?? 90_000);
      }
      await addMissingPrincipals({ dataDir, brokers: running, credentials, principals: opts.principals });
      return {
        brokers: running,
        pid: existing,
        alreadyRunning: true,
        credentials,
        credentialsFile: credentialsFile(dataDir),
      };
    }
    await ensurePortsFree(opts);
    const java = await findJava();
    const libDir = await ensureKafkaJars();
    const formatted = existsSync(join(dataDir, 'logs', 'meta.properties'));
    const credentials = formatted ? await existingCredentials(dataDir) : newKafkaCredentials(opts.principals);
    await writeBrokerConfig(dataDir, opts, credentials);
    if (!formatted) {
      await writeKafkaCredentials(credentialsFile(dataDir), credentials);
      await formatStorage(java, libDir, dataDir, credentials);
    }
    const pid = await spawnBroker(java, libDir, dataDir);
    try {
      await waitUntilReady(brokers, dataDir, pid, credentials, opts.readyTimeoutMs ?? 90_000);
      await addMissingPrincipals({ dataDir, brokers, credentials, principals: opts.principals });
    } catch (error) {
      await terminate(pid);
      await unlink(join(dataDir, PID_FILE)).catch(() => undefined);
      throw error;
    }
    return { brokers, pid, alreadyRunning: false, credentials, credentialsFile: credentialsFile(dataDir) };
  });
}

// Storage formatted before the broker required SASL has no credentials: its principals cannot be
// recreated without the admin's, so the data directory has to be started afresh.
async function existingCredentials(dataDir: string): Promise<KafkaCredentials> {
  const credentials = await readKafkaCredentials(credentialsFile(dataDir));
  if (credentials === undefined) {
    throw new Error(
      `The Kafka data in ${dataDir} was created without SASL credentials. Stop the broker ` +
        '(`npm run infra -- down`), remove that directory (its topics are lost) and start again.',
    );
  }
  return credentials;
}

/**
 * Principals added to the catalogue after the storage was formatted (a new service) get their SCRAM
 * credentials through the broker's own admin tool, which kafkajs cannot do; the credentials file
 * records them so this runs once.
 */
async function addMissingPrincipals(options: {
  dataDir: string;
  brokers: string;
  credentials: KafkaCredentials;
  principals: readonly string[];
}): Promise<void> {
  const missing = options.principals.filter((name) => options.credentials.passwords[name] === undefined);
  if (missing.length === 0) {
    return;
  }
  const java = await findJava();
  const libDir = await ensureKafkaJars();
  const adminConfig = join(options.dataDir, ADMIN_CLIENT_FILE);
  await writeFile(adminConfig, clientProperties(options.credentials, KAFKA_ADMIN), { mode: 0o600 });
  for (const name of missing) {
    const password = generatePassword();
    const args = [
      '--bootstrap-server',
      options.brokers,
      '--command-config',
      adminConfig,
      '--alter',
      '--add-config',
      `SCRAM-SHA-512=[password=${password}]`,
      '--entity-type',
      'users',
      '--entity-name',
      name,
    ];
    await run(java, javaArgs(libDir, options.dataDir, 'kafka.admin.ConfigCommand', args, ['-Xmx128m']), {
      timeoutMs: 120_000,
    });
    options.credentials.passwords[name] = password;
    await writeKafkaCredentials(credentialsFile(options.dataDir), options.credentials);
  }
}

/** Java client properties (console producer, admin tools) to connect as a principal of this broker. */
export function clientProperties(credentials: KafkaCredentials, principal: string): string {
  const sasl = saslFor(credentials, principal);
  return [
    'security.protocol=SASL_PLAINTEXT',
    'sasl.mechanism=SCRAM-SHA-512',
    `sasl.jaas.config=${scramJaas(sasl.username, sasl.password)}`,
    '',
  ].join('\n');
}

export function scramJaas(username: string, password: string): string {
  return `org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`;
}

/** Stops the broker started from dataDir (SIGTERM, SIGKILL after 20 s); does nothing when none runs. */
export async function stopKafka(opts: { dataDir: string }): Promise<void> {
  const dataDir = resolve(opts.dataDir);
  if (!existsSync(dataDir)) {
    return;
  }
  await withFileLock(`${dataDir}.lock`, async () => {
    const pid = await runningBroker(dataDir);
    if (pid !== undefined) {
      await terminate(pid);
    }
    await unlink(join(dataDir, PID_FILE)).catch(() => undefined);
  });
}

export async function kafkaStatus(opts: { dataDir: string }): Promise<KafkaStatus> {
  const dataDir = resolve(opts.dataDir);
  const pid = await runningBroker(dataDir);
  if (pid === undefined) {
    return { running: false };
  }
  return { running: true, pid, brokers: await configuredBrokers(dataDir) };
}

/**
 * The directory holding the broker's jars, downloading them from Maven Central on first use. The download
 * goes to a temporary directory renamed into place, so an interrupted one is never taken for complete.
 */
export async function ensureKafkaJars(cacheDir: string = kafkaCacheDir()): Promise<string> {
  const libDir = join(cacheDir, 'lib');
  if (existsSync(join(libDir, MARKER_JAR))) {
    return libDir;
  }
  await mkdir(cacheDir, { recursive: true });
  const tempDir = await mkdtemp(join(cacheDir, 'lib.download-'));
  try {
    await fetchJars(tempDir);
    if (!existsSync(join(tempDir, MARKER_JAR))) {
      throw new Error(`Maven did not produce ${MARKER_JAR} in ${tempDir}`);
    }
    await rename(tempDir, libDir).catch(async (error: NodeJS.ErrnoException) => {
      // Another process finished the same download first.
      if (!existsSync(join(libDir, MARKER_JAR))) {
        throw error;
      }
    });
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
  return libDir;
}

async function fetchJars(outputDir: string): Promise<void> {
  const pom = join(repoRoot(), 'infra', 'kafka', 'pom.xml');
  const args = [
    '-q',
    '-B',
    '-f',
    pom,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${outputDir}`,
  ];
  try {
    await run('mvn', args, { timeoutMs: 15 * 60_000 });
  } catch (error) {
    if (isCommandMissing(error)) {
      throw new Error(MAVEN_MISSING);
    }
    throw error;
  }
}

/** The java executable ($JAVA_HOME/bin/java, else java on PATH), checked to be Java 17 or newer. */
async function findJava(): Promise<string> {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  let versionOutput: string;
  try {
    versionOutput = (await run(java, ['-version'])).stderr;
  } catch (error) {
    if (isCommandMissing(error)) {
      throw new Error(JAVA_MISSING);
    }
    throw error;
  }
  const major = parseJavaMajor(versionOutput);
  if (major !== undefined && major < 17) {
    throw new Error(`Java 17+ is required to run the local Kafka broker, found Java ${major} (${java}).`);
  }
  return java;
}

function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) {
    return undefined;
  }
  // Java 8 and older report themselves as 1.x.
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

async function writeBrokerConfig(
  dataDir: string,
  opts: StartKafkaOptions,
  credentials: KafkaCredentials,
): Promise<void> {
  const admin = credentials.passwords[KAFKA_ADMIN];
  const properties = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@127.0.0.1:${opts.controllerPort}`,
    listeners: `${CLIENT_LISTENER}://127.0.0.1:${opts.port},CONTROLLER://127.0.0.1:${opts.controllerPort}`,
    'advertised.listeners': `${CLIENT_LISTENER}://127.0.0.1:${opts.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': CLIENT_LISTENER,
    // Every listener authenticates: clients with SCRAM (credentials in the cluster metadata), the
    // controller listener with PLAIN against this file, since it must work before metadata is loaded.
    'listener.security.protocol.map': `CONTROLLER:SASL_PLAINTEXT,${CLIENT_LISTENER}:SASL_PLAINTEXT`,
    'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'sasl.mechanism.inter.broker.protocol': 'SCRAM-SHA-512',
    'sasl.mechanism.controller.protocol': 'PLAIN',
    'listener.name.client.sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'listener.name.client.scram-sha-512.sasl.jaas.config': scramJaas(KAFKA_ADMIN, admin),
    'listener.name.controller.sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.controller.plain.sasl.jaas.config':
      'org.apache.kafka.common.security.plain.PlainLoginModule required ' +
      `username="${KAFKA_ADMIN}" password="${credentials.controllerPassword}" ` +
      `user_${KAFKA_ADMIN}="${credentials.controllerPassword}";`,
    // Nothing is allowed unless an ACL allows it; the admin is the only super user.
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found': 'false',
    'super.users': `User:${KAFKA_ADMIN}`,
    'log.dirs': join(dataDir, 'logs'),
    'num.partitions': '3',
    'default.replication.factor': '1',
    'min.insync.replicas': '1',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '3',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'transaction.state.log.num.partitions': '3',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'true',
    'delete.topic.enable': 'true',
    // Two cores: the defaults (3 network, 8 I/O threads) only add contention.
    'num.network.threads': '2',
    'num.io.threads': '4',
  };
  const content = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(value)}`);
  await writeFile(join(dataDir, CONFIG_FILE), `${content.join('\n')}\n`, { mode: 0o600 });
  await writeFile(join(dataDir, LOG4J_FILE), log4jProperties());
}

function escapeProperty(value: string): string {
  return value.replace(/\\/g, '\\\\');
}

// Warnings and errors only (to stdout, which goes to kafka.log), plus the broker's start and stop lines.
function log4jProperties(): string {
  return [
    'log4j.rootLogger=WARN, stdout',
    'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
    'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka.server.KafkaRaftServer=INFO',
    '',
  ].join('\n');
}

function javaArgs(
  libDir: string,
  dataDir: string,
  mainClass: string,
  args: string[],
  heap: string[],
): string[] {
  return [
    ...heap,
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${join(dataDir, LOG4J_FILE)}`,
    '-cp',
    join(libDir, '*'),
    mainClass,
    ...args,
  ];
}

// SCRAM credentials go into the bootstrap metadata at format time, so every principal can log in from
// the broker's first start without a second JVM run of the admin tools.
async function formatStorage(
  java: string,
  libDir: string,
  dataDir: string,
  credentials: KafkaCredentials,
): Promise<void> {
  const scram = Object.entries(credentials.passwords).flatMap(([name, password]) => [
    '--add-scram',
    `SCRAM-SHA-512=[name=${name},password=${password}]`,
  ]);
  const args = [
    'format',
    '-t',
    randomClusterId(),
    '-c',
    join(dataDir, CONFIG_FILE),
    '--ignore-formatted',
    ...scram,
  ];
  await run(java, javaArgs(libDir, dataDir, 'kafka.tools.StorageTool', args, ['-Xmx256m']), {
    cwd: dataDir,
    timeoutMs: 120_000,
  });
}

/** A Kafka cluster id: 16 random bytes, base64url without padding, never starting with '-' (like Uuid.randomUuid). */
function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) {
      return id;
    }
  }
}

/** Starts the broker detached, so it outlives the process that launched it (test runner, CLI). */
async function spawnBroker(java: string, libDir: string, dataDir: string): Promise<number> {
  const heap = ['-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20'];
  const args = javaArgs(libDir, dataDir, 'kafka.Kafka', [join(dataDir, CONFIG_FILE)], heap);
  const logFd = openSync(join(dataDir, LOG_FILE), 'a');
  try {
    const child = spawn(java, args, { cwd: dataDir, detached: true, stdio: ['ignore', logFd, logFd] });
    const pid = await spawned(child);
    child.unref();
    await writeFile(join(dataDir, PID_FILE), `${pid}\n`);
    return pid;
  } finally {
    closeSync(logFd);
  }
}

function spawned(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((done, fail) => {
    child.once('spawn', () => done(child.pid as number));
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? new Error(JAVA_MISSING) : error),
    );
  });
}

/** The pid of the broker started from dataDir, if it is alive (and, where /proc exists, really that broker). */
async function runningBroker(dataDir: string): Promise<number | undefined> {
  const pid = await readPidFile(join(dataDir, PID_FILE));
  if (pid === undefined || !isProcessAlive(pid)) {
    return undefined;
  }
  const commandLine = processCommandLine(pid);
  if (commandLine && !commandLine.includes(join(dataDir, CONFIG_FILE))) {
    return undefined;
  }
  return pid;
}

async function configuredBrokers(dataDir: string): Promise<string | undefined> {
  try {
    const config = await readFile(join(dataDir, CONFIG_FILE), 'utf8');
    const match = /^advertised\.listeners=[A-Z]+:\/\/([^,\s]+)/m.exec(config);
    return match?.[1];
  } catch {
    return undefined;
  }
}

async function ensurePortsFree(opts: StartKafkaOptions): Promise<void> {
  for (const port of [opts.port, opts.controllerPort]) {
    if (await isPortOpen(port)) {
      throw new Error(`Cannot start Kafka: port ${port} on 127.0.0.1 is already in use by another process`);
    }
  }
}

/**
 * Ready means usable, not just listening: the cluster answers metadata requests, a topic can be created
 * with a leader, and the group coordinator (which creates __consumer_offsets) answers, so the first test
 * that joins a consumer group does not pay for it.
 */
async function waitUntilReady(
  brokers: string,
  dataDir: string,
  pid: number,
  credentials: KafkaCredentials,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) {
      throw new Error(`Kafka broker (pid ${pid}) exited during startup\n${await logTail(dataDir)}`);
    }
    if (await isPortOpen(portOf(brokers))) {
      try {
        await probe(brokers, credentials);
        return;
      } catch (error) {
        lastError = error;
      }
    }
    await sleep(250);
  }
  const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(
    `Kafka broker at ${brokers} was not ready within ${timeoutMs} ms${reason}\n${await logTail(dataDir)}`,
  );
}

async function probe(brokers: string, credentials: KafkaCredentials): Promise<void> {
  const kafka = new Kafka({
    clientId: 'sms-infra-probe',
    brokers: [brokers],
    sasl: saslFor(credentials, KAFKA_ADMIN),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 10_000,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeCluster();
    const topic = `sms-infra-probe-${process.pid}-${Date.now()}`;
    await admin.createTopics({
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    await admin.fetchOffsets({ groupId: 'sms-infra-probe', topics: [topic] });
    await admin.deleteTopics({ topics: [topic] });
  } finally {
    await admin.disconnect();
  }
}

function portOf(brokers: string): number {
  return Number(brokers.slice(brokers.lastIndexOf(':') + 1));
}

async function logTail(dataDir: string): Promise<string> {
  return `--- last lines of ${join(dataDir, LOG_FILE)} ---\n${await tailFile(join(dataDir, LOG_FILE), 40)}`;
}

/** SIGTERM (a controlled shutdown), then SIGKILL if the broker is still alive after 20 s. */
async function terminate(pid: number): Promise<void> {
  signal(pid, 'SIGTERM');
  if (await exited(pid, 20_000)) {
    return;
  }
  signal(pid, 'SIGKILL');
  if (!(await exited(pid, 5_000))) {
    throw new Error(`Kafka broker (pid ${pid}) did not exit after SIGKILL`);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw error;
    }
  }
}

async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) {
      return false;
    }
    await sleep(100);
  }
  return true;
}
