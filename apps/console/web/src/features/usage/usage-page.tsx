import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { ledger } from '../../api/http';
import { useSignedIn } from '../../app/session';
import { Card, PageHeader } from '../../components/card';
import { ErrorMessage, Loading } from '../../components/feedback';
import { TextField } from '../../components/field';
import { dayIn, nextDay } from '../../format/dates';
import { useTimeZone } from '../../app/account';
import { usageSeries } from './usage-series';

const UsageChart = lazy(() => import('./usage-chart'));

export default function UsagePage() {
  const { accountId } = useSignedIn();
  const timeZone = useTimeZone();
  const today = dayIn(timeZone);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [listId, setListId] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const filter = {
    from: `${from}T00:00:00Z`,
    to: `${nextDay(to)}T00:00:00Z`,
    ...(listId === '' ? {} : { listId }),
    ...(campaignId === '' ? {} : { campaignId }),
  };
  const usage = useQuery({
    queryKey: ['usage', accountId, filter],
    queryFn: () =>
      ledger.request('get', '/accounts/{accountId}/usage/by-list', {
        path: { accountId },
        query: { ...filter, bucket: 'day' },
      }),
    refetchInterval: 15_000,
  });
  const series = usage.data === undefined ? null : usageSeries(usage.data);
  return (
    <>
      <PageHeader title="Usage" />
      <Card title="Filters">
        <div className="filters">
          <TextField
            label="From"
            type="date"
            value={from}
            onChange={(event) => setFrom(event.target.value)}
          />
          <TextField label="To" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
          <TextField label="List" value={listId} onChange={(event) => setListId(event.target.value)} />
          <TextField
            label="Campaign"
            value={campaignId}
            onChange={(event) => setCampaignId(event.target.value)}
          />
        </div>
        <p className="actions">
          <a
            className="button button-secondary"
            href={ledger.href('/accounts/{accountId}/usage/export.csv', {
              path: { accountId },
              query: filter,
            })}
            download
            data-testid="export-csv"
          >
            Download CSV
          </a>
          <a
            className="button button-secondary"
            href={ledger.href('/accounts/{accountId}/usage/export.xlsx', {
              path: { accountId },
              query: filter,
            })}
            download
            data-testid="export-xlsx"
          >
            Download Excel
          </a>
        </p>
      </Card>
      <Card title="Credits spent">
        {usage.isPending ? (
          <Loading what="usage" />
        ) : usage.isError ? (
          <ErrorMessage error={usage.error} />
        ) : series === null || series.points.length === 0 ? (
          <p>No SMS sent in this period.</p>
        ) : (
          <Suspense fallback={<Loading what="the chart" />}>
            <figure data-testid="usage-chart">
              <UsageChart points={series.points} lists={series.lists} />
              <figcaption className="muted">Credits spent per day, stacked by list</figcaption>
            </figure>
          </Suspense>
        )}
      </Card>
    </>
  );
}
