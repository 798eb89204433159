import { loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';

// What else the machine was doing: every figure is recorded with it, as the machine is shared.
export function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`;
  }
}

export function say(line: string): void {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

// Prints a step's progress every few seconds until stopped, so no step runs silently.
export function ticker(step: string, report: () => Promise<string> | string, everyMs = 3000): () => void {
  const timer = setInterval(() => {
    void Promise.resolve()
      .then(report)
      .then(
        (line) => say(`${step}: ${line}`),
        () => undefined,
      );
  }, everyMs);
  return () => clearInterval(timer);
}
