import { z } from 'zod';
import { ConfigError } from './config-error';
import { crossSettingProblems } from './settings';

// Settings whose value never appears in a message, even when malformed.
const SECRET_SETTING = /PASSWORD|SECRET|TOKEN|_KEY$/;

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
  const problems = result.error.issues.map((issue) => {
    const setting = issue.path.join('.') || '(root)';
    const name = issue.path[0];
    const value = typeof name === 'string' && !SECRET_SETTING.test(name) ? env[name] : undefined;
    return value === undefined
      ? `${setting}: ${issue.message}`
      : `${setting}=${JSON.stringify(value)}: ${issue.message}`;
  });
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
