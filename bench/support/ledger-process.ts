import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { get, request } from 'node:http';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist/apps/ledger/src/main.js');
// Preloaded into a profiled ledger: V8 writes a --cpu-prof profile only on a normal exit, and Nest's
// shutdown hook ends by re-raising the signal, which would end the process before the profile is out.
const EXIT_ON_SIGTERM = "data:text/javascript,process.once('SIGTERM',()=>process.exit(0))";

// A ledger replica as its own process, as in production, so its memory is its own and it can be
// killed like one.
export class LedgerProcess {
  private exited = false;
  private peakKb = 0;
  private sampler?: NodeJS.Timeout;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly base: string,
  ) {
    child.once('exit', () => {
      this.exited = true;
    });
  }

  // The compiled build (`npm run build`, which the bench scripts run first), as the Dockerfile runs it:
  // under ts-node the TypeScript compiler sits in the same process and its memory and CPU would count
  // as the ledger's. With `cpuProfileDir`, V8's profiler runs from the start and its profile is
  // written there when the process exits (a SIGTERM exits at once instead of shutting down gently).
  static async start(options: {
    name: string;
    port: number;
    env: Record<string, string>;
    cpuProfileDir?: string;
  }): Promise<LedgerProcess> {
    if (!existsSync(MAIN)) {
      throw new Error(`${MAIN} is missing: run npm run build first`);
    }
    const profile =
      options.cpuProfileDir === undefined
        ? []
        : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir, '--import', EXIT_ON_SIGTERM];
    const child = spawn(process.execPath, [...profile, MAIN], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...options.env, PORT: String(options.port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const ledger = new LedgerProcess(options.name, child, `http://127.0.0.1:${options.port}`);
    // Generous: on a busy shared machine a replica has been seen to need over three minutes to start.
    const deadline = Date.now() + 600_000;
    while ((await httpStatus(`${ledger.base}/health/ready`)) !== 200) {
      if (ledger.exited) {
        throw new Error(`ledger ${options.name} exited during start`);
      }
      if (Date.now() > deadline) {
        throw new Error(`ledger ${options.name} not ready after 600 s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    ledger.sampler = setInterval(() => ledger.sample(), 100);
    ledger.sampler.unref();
    return ledger;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get alive(): boolean {
    return !this.exited;
  }

  // Resident memory now, in MB, from /proc (Linux).
  rssMb(): number {
    return Math.round(statusKb(this.pid, 'VmRSS') / 102.4) / 10;
  }

  // Starts a new peak window: the largest RSS sampled (every 100 ms) from now on.
  resetPeak(): void {
    this.peakKb = statusKb(this.pid, 'VmRSS');
  }

  peakRssMb(): number {
    this.sample();
    return Math.round(this.peakKb / 102.4) / 10;
  }

  // Since the process started (the kernel's high-water mark).
  highWaterMb(): number {
    return Math.round(statusKb(this.pid, 'VmHWM') / 102.4) / 10;
  }

  async journalCheck(token: string): Promise<{ accountsChecked: number; differences: unknown[] }> {
    const body = await httpPost(`${this.base}/operator/journal/check`, token);
    return JSON.parse(body) as { accountsChecked: number; differences: unknown[] };
  }

  // SIGTERM: the batch in flight commits before the consumer leaves.
  async stop(): Promise<void> {
    this.halt();
    if (this.exited) {
      return;
    }
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    if (!this.exited) {
      this.child.kill('SIGKILL');
      await gone;
    }
  }

  // kill -9: no shutdown at all, as when a machine dies.
  async kill(): Promise<void> {
    this.halt();
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await gone;
  }

  private halt(): void {
    if (this.sampler) {
      clearInterval(this.sampler);
    }
  }

  private sample(): void {
    if (!this.exited) {
      this.peakKb = Math.max(this.peakKb, statusKb(this.pid, 'VmRSS'));
    }
  }
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]);
  } catch {
    return 0;
  }
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', () => resolve(0));
  });
}

function httpPost(url: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        (res.statusCode ?? 0) < 300 ? resolve(body) : reject(new Error(`${url}: ${res.statusCode} ${body}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}
