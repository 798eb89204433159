import type { components } from '../../api/openapi/ledger';

export type DeadLetter = components['schemas']['DeadLetterDto'];
export type DeadLetterTopic = components['schemas']['DeadLetterTopicDto'];
export type ReplayResult = components['schemas']['ReplayResultDto'];

// Dead letters of every consuming service share one shape (one controller serves them all).
export const DEAD_LETTER_SERVICES = ['ledger', 'billing', 'notifier'] as const;
export type DeadLetterService = (typeof DEAD_LETTER_SERVICES)[number];

const PREVIEW_CHARS = 120;

// One line of the event for the table: compact JSON when it parses (the reason it was dead-lettered
// may be that it does not), cut to a length a row can show; the full text is in the row's details.
export function payloadPreview(payload: string, limit = PREVIEW_CHARS): string {
  let text: string;
  try {
    text = JSON.stringify(JSON.parse(payload));
  } catch {
    text = payload.replace(/\s+/g, ' ').trim();
  }
  if (text.length === 0) {
    return '(empty)';
  }
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

// The payload laid out for reading, or as it came when it is not JSON.
export function payloadDetails(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

export function replaySummary(result: ReplayResult): {
  tone: 'success' | 'warning' | 'danger';
  text: string;
} {
  const total = result.applied + result.failed;
  if (total === 0) {
    return { tone: 'warning', text: 'Nothing to replay.' };
  }
  const failures = result.items.filter((item) => item.outcome === 'failed');
  const why = failures
    .slice(0, 3)
    .map((item) => `${item.partition}:${item.offset} ${item.reason ?? 'failed'}`)
    .join('; ');
  if (result.failed === 0) {
    return { tone: 'success', text: `${result.applied} of ${total} applied.` };
  }
  const more = failures.length > 3 ? ` (and ${failures.length - 3} more)` : '';
  return {
    tone: result.applied === 0 ? 'danger' : 'warning',
    text: `${result.applied} of ${total} applied; ${result.failed} still failing and left dead-lettered: ${why}${more}.`,
  };
}
