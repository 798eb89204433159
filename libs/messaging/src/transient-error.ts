// Faults that go away by themselves (a database restart, a broker election) are retried with backoff
// and never dead-lettered; everything else is a property of the message.
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = TransientError.name;
  }
}

// PostgreSQL SQLSTATE classes and codes that mean "try again": connection exceptions, serialization
// failures and deadlocks, the server shutting down, too many connections.
const TRANSIENT_SQLSTATE = /^(08|40001|40P01|53|57P0[123]|55P03)/;
const TRANSIENT_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const TRANSIENT_TEXT =
  /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down)|Timeout acquiring a connection|This socket has been ended/i;

export function isTransientError(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) {
    return false;
  }
  if (error instanceof TransientError) {
    return true;
  }
  const { code, retriable } = error as { code?: unknown; retriable?: unknown };
  if (retriable === true) {
    return true; // kafkajs marks broker-side retryable faults
  }
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NETWORK.has(code))) {
    return true;
  }
  if (
    TRANSIENT_TEXT.test(error.message) ||
    error.name === 'ConnectionException' ||
    error.name.startsWith('KafkaJSConnection')
  ) {
    return true;
  }
  return isTransientError((error as { cause?: unknown }).cause, depth + 1);
}
