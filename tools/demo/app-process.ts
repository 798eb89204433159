import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@sms/infra';

export type AppName = 'ledger' | 'billing' | 'notifier';
// The identity service runs the same way when a platform trusts it rather than a test issuer.
export type ServiceName = AppName | 'identity';

const ROOT = repoRoot();
const KEEP_LINES = 300;

// One app as its own operating-system process, the way it runs in production: started from its
// main.ts (compiled on the fly, so no build is needed) or from dist/ when asked, killed gently or with
// SIGKILL, and restarted with the same environment. The last lines of its output are kept for
// diagnostics.
export class AppProcess<N extends ServiceName = AppName> {
  private child: ChildProcess | undefined;
  private readonly lines: string[] = [];

  constructor(
    readonly name: N,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly options: { compiled?: boolean; onLine?: (app: N, line: string) => void } = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.running) {
      throw new Error(`${this.name} is already running`);
    }
    const compiled = join(ROOT, 'dist', 'apps', this.name, 'src', 'main.js');
    const args =
      this.options.compiled === true && existsSync(compiled)
        ? [compiled]
        : [
            '-r',
            'ts-node/register/transpile-only',
            '-r',
            'tsconfig-paths/register',
            join(ROOT, 'apps', this.name, 'src', 'main.ts'),
          ];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        ...this.env,
        PORT: String(this.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.length === 0) {
          continue;
        }
        this.lines.push(line);
        this.options.onLine?.(this.name, line);
      }
      if (this.lines.length > KEEP_LINES) {
        this.lines.splice(0, this.lines.length - KEEP_LINES);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
  }

  async waitUntilReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) {
        throw new Error(`${this.name} exited before it was ready:\n${this.tail(40)}`);
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
        throw new Error(`${this.name} was not ready within ${timeoutMs} ms:\n${this.tail(40)}`);
      }
      await new Promise((done) => setTimeout(done, 250));
    }
  }

  // kill -9: no shutdown hooks, no offset commits, open transactions abandoned.
  async kill9(): Promise<void> {
    await this.signal('SIGKILL', 5_000);
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM', 15_000);
  }

  tail(lines = 40): string {
    return this.lines.slice(-lines).join('\n');
  }

  private async signal(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    const child = this.child;
    if (child === undefined || !this.running) {
      return;
    }
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
