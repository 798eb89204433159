import { ConsoleLogger, LogLevel } from '@nestjs/common';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

// Structured JSON lines in production; readable text when a person asks for it.
export function createLogger(options: {
  service: string;
  level: LogLevel;
  format: 'json' | 'text';
}): ConsoleLogger {
  return new ConsoleLogger(options.service, {
    json: options.format === 'json',
    logLevels: LEVELS.slice(0, LEVELS.indexOf(options.level) + 1),
    colors: options.format === 'text',
  });
}
