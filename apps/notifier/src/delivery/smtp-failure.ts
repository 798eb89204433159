import { backoffDelayMs } from '@sms/retry';

// Whether a failed send is worth retrying. SMTP says so itself: 4xx replies are temporary
// (RFC 5321 §4.2.1: "try again later"), 5xx are permanent. Without a reply code, the server could
// not be reached or the connection broke, which is temporary too.
export interface SendFailure {
  permanent: boolean;
  reason: string;
}

const PERMANENT_WITHOUT_REPLY = new Set(['EENVELOPE', 'EMESSAGE', 'EAUTH', 'ECONFIG']);

interface MailerError {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

export function classifySendFailure(error: unknown): SendFailure {
  const details = (typeof error === 'object' && error !== null ? error : {}) as MailerError;
  const replyCode = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  const code = typeof details.code === 'string' ? details.code : undefined;
  const text =
    typeof details.response === 'string'
      ? details.response
      : typeof details.message === 'string'
        ? details.message
        : String(error);
  const reason = [code, replyCode, text].filter((part) => part !== undefined).join(' ');
  if (replyCode !== undefined && replyCode >= 400 && replyCode < 600) {
    return { permanent: replyCode >= 500, reason };
  }
  return { permanent: code !== undefined && PERMANENT_WITHOUT_REPLY.has(code), reason };
}

// Exponential backoff with ±20% jitter so replicas retrying after an outage do not stampede together.
export function retryDelayMs(options: {
  attempt: number;
  baseMs: number;
  maxMs: number;
  random?: () => number;
}): number {
  return backoffDelayMs({ ...options, jitter: 0.2 });
}
