import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTimeZone } from '../../app/account';
import { Button } from '../../components/button';
import { Card } from '../../components/card';
import { Alert, Badge, ErrorMessage } from '../../components/feedback';
import { formatDateTime } from '../../format/dates';
import { DEAD_LETTER_PAGE_SIZE, deadLetterApi } from './dead-letters-api';
import {
  DEAD_LETTER_SERVICES,
  type DeadLetterService,
  payloadDetails,
  payloadPreview,
  replaySummary,
} from './dead-letters';

// Events a service could not apply, per service and topic, with why; a replay re-processes them
// through the service's own handler (an event that applied once is not applied again).
export function DeadLettersCard() {
  return (
    <Card title="Dead letters">
      <p>
        Events a service could not apply stay on its dead-letter topic. Replaying re-processes them through
        that service; one that still fails stays here with the reason.
      </p>
      {DEAD_LETTER_SERVICES.map((service) => (
        <ServiceDeadLetters key={service} service={service} />
      ))}
    </Card>
  );
}

function ServiceDeadLetters({ service }: { service: DeadLetterService }) {
  const api = deadLetterApi(service);
  const [open, setOpen] = useState<string | null>(null);
  const topics = useQuery({ queryKey: ['dead-letters', service], queryFn: () => api.topics() });
  return (
    <section aria-labelledby={`dead-letters-${service}`} data-testid={`dead-letters-${service}`}>
      <h3 id={`dead-letters-${service}`}>{service}</h3>
      {topics.isError && <ErrorMessage error={topics.error} />}
      {topics.data !== undefined && (
        <ul>
          {topics.data.map((topic) => (
            <li key={topic.topic}>
              <code>{topic.topic}</code>{' '}
              <Badge tone={topic.count > 0 ? 'bad' : 'good'}>{topic.count} dead-lettered</Badge>{' '}
              {topic.count > 0 && (
                <Button
                  variant="secondary"
                  aria-expanded={open === topic.topic}
                  onClick={() => setOpen(open === topic.topic ? null : topic.topic)}
                  data-testid={`dead-letters-open-${service}-${topic.topic}`}
                >
                  {open === topic.topic ? 'Hide' : 'Show'} records
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {open !== null && <DeadLetterRecords service={service} topic={open} />}
    </section>
  );
}

function DeadLetterRecords({ service, topic }: { service: DeadLetterService; topic: string }) {
  const api = deadLetterApi(service);
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const [skip, setSkip] = useState(0);
  const records = useQuery({
    queryKey: ['dead-letters', service, topic, skip],
    queryFn: () => api.page(topic, skip),
  });
  const replay = useMutation({
    mutationFn: (only?: { partition: number; offset: string }) => api.replay(topic, only),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['dead-letters', service] }),
  });
  const summary = replay.data === undefined ? undefined : replaySummary(replay.data);
  return (
    <div data-testid={`dead-letter-records-${service}`}>
      {records.isError && <ErrorMessage error={records.error} />}
      {records.data !== undefined && (
        <>
          <table className="table">
            <caption>
              {service} · {topic}: records {skip + 1}–{skip + records.data.items.length} of{' '}
              {records.data.total}, oldest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Failed at</th>
                <th scope="col">Reason</th>
                <th scope="col">From</th>
                <th scope="col">Event</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {records.data.items.map((record) => (
                <tr key={`${record.partition}:${record.offset}`} data-testid="dead-letter-row">
                  <td>{record.failedAt === '' ? '—' : formatDateTime(record.failedAt, timeZone)}</td>
                  <td>{record.reason}</td>
                  <td>
                    <code>
                      {record.originalTopic} {record.originalPartition}:{record.originalOffset}
                    </code>
                  </td>
                  <td>
                    <details>
                      <summary>
                        <code>{payloadPreview(record.payload)}</code>
                      </summary>
                      <pre>{payloadDetails(record.payload)}</pre>
                    </details>
                  </td>
                  <td>
                    <Button
                      variant="secondary"
                      busy={
                        replay.isPending &&
                        replay.variables?.partition === record.partition &&
                        replay.variables.offset === record.offset
                      }
                      onClick={() => replay.mutate({ partition: record.partition, offset: record.offset })}
                      aria-label={`Replay record ${record.partition}:${record.offset} of ${topic}`}
                    >
                      Replay
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="inline-form">
            <Button
              variant="secondary"
              disabled={skip === 0}
              onClick={() => setSkip(Math.max(0, skip - DEAD_LETTER_PAGE_SIZE))}
            >
              Previous
            </Button>
            <Button
              variant="secondary"
              disabled={skip + DEAD_LETTER_PAGE_SIZE >= records.data.total}
              onClick={() => setSkip(skip + DEAD_LETTER_PAGE_SIZE)}
            >
              Next
            </Button>
            <Button
              busy={replay.isPending && replay.variables === undefined}
              onClick={() => replay.mutate(undefined)}
              data-testid={`dead-letters-replay-all-${service}`}
            >
              Replay all of {topic}
            </Button>
          </div>
        </>
      )}
      {replay.isError && <ErrorMessage error={replay.error} />}
      {summary !== undefined && (
        <Alert tone={summary.tone}>
          <span data-testid="dead-letters-replay-result">{summary.text}</span>
        </Alert>
      )}
    </div>
  );
}
