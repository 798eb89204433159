import { z } from 'zod';

// A contract ties a topic to the versioned schema of its payload and to the key that keeps one
// account's events in order on one partition.
export interface EventContract<T = unknown> {
  readonly topic: string;
  readonly version: number;
  readonly summary: string;
  readonly producers: readonly string[];
  readonly consumers: readonly string[];
  readonly schema: z.ZodType<T>;
  key(payload: T): string;
}

export type PayloadOf<C> = C extends EventContract<infer T> ? T : never;

export function defineContract<T>(definition: {
  topic: string;
  version: number;
  summary: string;
  producers: readonly string[];
  consumers: readonly string[];
  schema: z.ZodType<T>;
  key: (payload: NoInfer<T>) => string;
}): EventContract<T> {
  return definition;
}

export type DecodeResult<T> = { ok: true; payload: T } | { ok: false; reason: string };

const MAX_REASON = 500;

// Turns raw bytes into a typed payload, or into a reason a person can act on.
export function decodeEvent<T>(contract: EventContract<T>, raw: Buffer | null): DecodeResult<T> {
  if (raw === null || raw.length === 0) {
    return { ok: false, reason: 'empty message value' };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: truncate(`invalid JSON: ${(error as Error).message}`) };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: 'payload must be a JSON object' };
  }
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  if (version !== contract.version) {
    return {
      ok: false,
      reason: truncate(
        `unsupported schemaVersion ${JSON.stringify(version) ?? 'missing'} for ${contract.topic} (supported: ${contract.version})`,
      ),
    };
  }
  const parsed = contract.schema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, reason: truncate(describeIssues(parsed.error)) };
  }
  return { ok: true, payload: parsed.data };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'payload'}: ${issue.message}`)
    .join('; ');
}

function truncate(text: string): string {
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text;
}
