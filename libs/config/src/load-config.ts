import { z } from 'zod';
import { ConfigError } from './config-error';
import { crossSettingProblems } from './settings';

type Env = Record<string, string | undefined>;

// Every setting is an environment variable; the schema names it, so every problem can name it too.
export function loadConfig<S extends z.ZodType>(service: string, schema: S, env: Env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) {
    const problems = crossSettingProblems(result.data as Parameters<typeof crossSettingProblems>[0]);
    if (problems.length > 0) {
      throw new ConfigError(service, problems);
    }
    return result.data;
  }
  // The value is never echoed: a malformed setting may still be a secret, or contain one (a password
  // in a URL), and config errors end up in logs.
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new ConfigError(service, problems);
}

// For main.ts: a bad setting stops the process before anything starts, with a message naming the setting.
export function loadConfigOrExit<S extends z.ZodType>(service: string, schema: S, env: Env): z.infer<S> {
  try {
    return loadConfig(service, schema, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
