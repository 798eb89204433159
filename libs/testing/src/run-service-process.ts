import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

// Runs a service's main.ts as its own process (TypeScript compiled on the fly), for tests of how the
// real entry point starts, refuses to start, or dies. Compiling the app takes a while on a busy machine:
// 90 s by default.
export function runServiceProcess(options: {
  entry: string;
  env: Record<string, string | undefined>;
  timeoutMs?: number;
}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, options.entry)],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...options.env },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.entry} did not exit within ${options.timeoutMs ?? 90_000} ms:\n${stderr}`));
    }, options.timeoutMs ?? 90_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
