import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';

export interface CheckResult {
  ok: boolean;
  error?: string;
}

export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

// Modules that own a dependency (the database, the Kafka consumer) register how to probe it here.
@Injectable()
export class ReadinessRegistry {
  private readonly logger = new Logger(ReadinessRegistry.name);
  private readonly checks: ReadinessCheck[] = [];
  private readonly up: Gauge;

  constructor(@Inject(Registry) registry: Registry) {
    this.up = new Gauge({
      name: 'readiness_check_up',
      help: 'Whether a readiness check passed at its last run (1) or failed (0)',
      labelNames: ['check'],
      registers: [registry],
    });
  }

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  async run(timeoutMs: number): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
    const checks: Record<string, CheckResult> = {};
    await Promise.all(
      this.checks.map(async (c) => {
        try {
          await withTimeout(c.check(), timeoutMs, `${c.name} did not answer within ${timeoutMs} ms`);
          checks[c.name] = { ok: true };
          this.up.set({ check: c.name }, 1);
        } catch (error) {
          checks[c.name] = { ok: false, error: (error as Error).message };
          this.up.set({ check: c.name }, 0);
          // The cause goes to the log and metrics; anonymous callers only learn that the check failed.
          this.logger.warn({
            message: 'readiness check failed',
            check: c.name,
            error: (error as Error).message,
          });
        }
      }),
    );
    return { ready: Object.values(checks).every((r) => r.ok), checks };
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
