import { Injectable } from '@nestjs/common';

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
  private readonly checks: ReadinessCheck[] = [];

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
        } catch (error) {
          checks[c.name] = { ok: false, error: (error as Error).message };
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
