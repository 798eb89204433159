import { billing, ledger, notifier } from '../../api/http';
import type { DeadLetter, DeadLetterService, DeadLetterTopic, ReplayResult } from './dead-letters';

export const DEAD_LETTER_PAGE_SIZE = 50;

export interface DeadLetterApi {
  topics(): Promise<DeadLetterTopic[]>;
  page(topic: string, skip: number): Promise<{ items: DeadLetter[]; total: number }>;
  replay(topic: string, only?: { partition: number; offset: string }): Promise<ReplayResult>;
}

// Each service answers for its own dead letters (it alone may read them and re-process them through
// its handlers); the routes are the same in every service's document, so one client's types fit all.
const CLIENTS: Record<DeadLetterService, Pick<typeof ledger, 'request'>> = { ledger, billing, notifier };

export function deadLetterApi(service: DeadLetterService): DeadLetterApi {
  const client = CLIENTS[service];
  return {
    topics: () => client.request('get', '/ops/dead-letters', {}),
    page: (topic, skip) =>
      client.request('get', '/ops/dead-letters/{topic}', {
        path: { topic },
        query: { skip, limit: DEAD_LETTER_PAGE_SIZE },
      }),
    replay: (topic, only) =>
      client.request('post', '/ops/dead-letters/{topic}/replay', { path: { topic }, body: only ?? {} }),
  };
}
