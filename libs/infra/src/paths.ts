import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';

// Shared filesystem and process helpers for the local infrastructure launcher.

export const KAFKA_VERSION = '3.9.1';

export interface LocalInfraConfig {
  postgres: { dataDir: string; port: number };
  kafka: { dataDir: string; port: number; controllerPort: number };
}

/** The repository root: the nearest ancestor holding infra/kafka/pom.xml (works from sources and from dist/). */
export function repoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'infra', 'kafka', 'pom.xml'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`Cannot find the repository root (infra/kafka/pom.xml) above ${from}`);
    }
    dir = parent;
  }
}

/** Where the Kafka jars are cached: outside the work tree so every checkout and worktree shares them. */
export function kafkaCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.KAFKA_CACHE_DIR || join(homedir(), '.cache', 'sms-credits');
  return join(resolve(base), `kafka-${KAFKA_VERSION}`);
}

/** Data directories and ports of the local stack's servers (`npm run infra`), overridable through the environment. */
export function localInfraConfig(env: NodeJS.ProcessEnv = process.env): LocalInfraConfig {
  const dataRoot = resolve(env.LOCAL_INFRA_DIR || join(repoRoot(), '.local'));
  return {
    postgres: { dataDir: join(dataRoot, 'postgres'), port: portFrom(env.LOCAL_PG_PORT, 54329) },
    kafka: {
      dataDir: join(dataRoot, 'kafka'),
      port: portFrom(env.LOCAL_KAFKA_PORT, 19092),
      controllerPort: portFrom(env.LOCAL_KAFKA_CONTROLLER_PORT, 19093),
    },
  };
}

function portFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') {
    return fallback;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Invalid port: ${value}`);
  }
  return port;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a running process, or undefined when it is gone or /proc is unavailable. */
export function processCommandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

export async function readPidFile(path: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path, 'utf8')).trim().split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ port, host });
    const finish = (open: boolean): void => {
      socket.destroy();
      done(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export async function tailFile(path: string, lines = 30): Promise<string> {
  try {
    return lastLines(await readFile(path, 'utf8'), lines);
  } catch {
    return '(no log)';
  }
}

function lastLines(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export interface CommandResult {
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly code: string | number | undefined,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** Runs a command to completion; rejects with its output on a non-zero exit or when it cannot be spawned. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((done, fail) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) {
          return done({ stdout, stderr });
        }
        const reason = error.killed ? `killed by ${error.signal}` : `exit code ${error.code}`;
        const output = lastLines([stdout, stderr].filter((part) => part.trim()).join('\n'), 40);
        const message = `${command} ${args.join(' ')} failed (${reason})${output ? `\n${output}` : ''}`;
        fail(new CommandError(message, error.code ?? undefined, stdout, stderr));
      },
    );
  });
}

export function isCommandMissing(error: unknown): boolean {
  return error instanceof CommandError && error.code === 'ENOENT';
}

/**
 * Runs fn while holding an exclusive lock file, so that a test run and the local stack starting the same
 * server at the same moment do not both try to initialise it. A lock left by a dead process is taken over.
 */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  timeoutMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  await mkdir(dirname(lockPath), { recursive: true });
  for (;;) {
    if (await tryLock(lockPath)) {
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for the lock ${lockPath}`);
    }
    await sleep(50);
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function tryLock(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  const owner = await readPidFile(lockPath);
  const stale = owner === undefined ? await isOlderThan(lockPath, 10_000) : !isProcessAlive(owner);
  if (stale) {
    await unlink(lockPath).catch(() => undefined);
  }
  return false;
}

async function isOlderThan(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch {
    return true;
  }
}
