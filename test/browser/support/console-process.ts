import { ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@sms/infra';

const ROOT = repoRoot();

// The single-page app built into its own folder for this run, so a test never serves a stale build.
export async function buildConsoleWeb(outDir: string): Promise<void> {
  await promisify(execFile)(
    join(ROOT, 'node_modules', '.bin', 'vite'),
    [
      'build',
      '--config',
      join(ROOT, 'apps', 'console', 'web', 'vite.config.ts'),
      '--outDir',
      outDir,
      '--logLevel',
      'error',
    ],
    { cwd: ROOT },
  );
}

// The console's backend as its own process, from its sources, the way the other apps run in the
// end-to-end tests.
export class ConsoleProcess {
  private child: ChildProcess | undefined;
  private readonly lines: string[] = [];

  constructor(
    readonly port: number,
    private env: Record<string, string>,
  ) {}

  // Settings known only once other processes run (the issuer's address).
  setEnv(extra: Record<string, string>): void {
    this.env = { ...this.env, ...extra };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): void {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join(ROOT, 'apps', 'console', 'src', 'main.ts'),
      ],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
          ...this.env,
          PORT: String(this.port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const collect = (chunk: Buffer) => {
      this.lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line.length > 0),
      );
      this.lines.splice(0, Math.max(0, this.lines.length - 200));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.child = child;
  }

  async waitUntilReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new Error(`the console exited before it was ready:\n${this.tail()}`);
      }
      try {
        const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(`the console was not ready within ${timeoutMs} ms:\n${this.tail()}`);
      }
      await new Promise((done) => setTimeout(done, 250));
    }
  }

  tail(lines = 40): string {
    return this.lines.slice(-lines).join('\n');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null) {
      return;
    }
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
