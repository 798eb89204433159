import { logLevel } from 'kafkajs';
import { kafkaLogLevel } from './kafka-log-level';

describe(kafkaLogLevel.name, () => {
  it('keeps a failed topic creation response out of the error log: the caller handles it', () => {
    expect(kafkaLogLevel({ level: logLevel.ERROR, error: 'Topic creation errors' })).toBe('debug');
  });

  it('logs a retriable broker answer as a warning', () => {
    expect(
      kafkaLogLevel({
        level: logLevel.ERROR,
        error: 'The coordinator is loading and hence cannot process requests',
      }),
    ).toBe('warn');
  });

  it('keeps other errors at error level', () => {
    expect(kafkaLogLevel({ level: logLevel.ERROR, error: 'Connection error: connect ECONNREFUSED' })).toBe(
      'error',
    );
    expect(kafkaLogLevel({ level: logLevel.ERROR })).toBe('error');
  });

  it('keeps warnings and lower as they are', () => {
    expect(kafkaLogLevel({ level: logLevel.WARN })).toBe('warn');
    expect(kafkaLogLevel({ level: logLevel.INFO })).toBe('debug');
  });
});
