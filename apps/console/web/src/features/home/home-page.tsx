import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { billing, ledger, notifier } from '../../api/http';
import { BALANCE_REFRESH_MS, useAccount, useBalance, useTimeZone } from '../../app/account';
import { can } from '../../app/permissions';
import { Link } from '../../app/router';
import { useSignedIn } from '../../app/session';
import { Card, PageHeader } from '../../components/card';
import { Badge, ErrorMessage, Loading, Stat } from '../../components/feedback';
import { SelectField } from '../../components/field';
import { formatCount, formatCredits } from '../../format/credits';
import { formatDateTime } from '../../format/dates';
import { balanceStatus, STATUS_LABEL } from './balance-status';
import { describeAutoTopUp } from './auto-top-up-state';

export default function HomePage() {
  const { user, accountId } = useSignedIn();
  const account = useAccount();
  const [country, setCountry] = useState<string>('');
  const balance = useBalance(country === '' ? undefined : country);
  const timeZone = useTimeZone();
  const rateCard = useQuery({
    queryKey: ['rate-card'],
    queryFn: () => ledger.request('get', '/rate-card', {}),
    staleTime: 300_000,
  });
  const settings = useQuery({
    queryKey: ['notification-settings', accountId],
    queryFn: () =>
      notifier.request('get', '/accounts/{accountId}/notification-settings', { path: { accountId } }),
    retry: false,
  });
  const autoTopUp = useQuery({
    queryKey: ['auto-top-up', accountId],
    queryFn: () => billing.request('get', '/accounts/{accountId}/auto-top-up', { path: { accountId } }),
    enabled: can(user.role, 'manageAutoTopUp'),
    refetchInterval: BALANCE_REFRESH_MS,
    retry: false,
  });
  const activity = useQuery({
    queryKey: ['journal', accountId, 'recent'],
    queryFn: () =>
      ledger.request('get', '/accounts/{accountId}/journal', { path: { accountId }, query: { limit: 8 } }),
    refetchInterval: BALANCE_REFRESH_MS,
  });

  if (balance.isPending) {
    return <Loading what="the balance" />;
  }
  if (balance.isError) {
    return <ErrorMessage error={balance.error} />;
  }
  const b = balance.data;
  const levels = [
    ...(settings.data?.lowBalanceLevelsMillicredits ?? []),
    ...(autoTopUp.data?.enabled === true ? [autoTopUp.data.thresholdMillicredits] : []),
  ];
  const status = balanceStatus({
    availableMillicredits: b.availableMillicredits,
    levelsMillicredits: levels,
  });
  const countries = Object.keys(rateCard.data?.rates ?? {}).sort();

  return (
    <>
      <PageHeader title="Home">
        {can(user.role, 'buy') && (
          <Link to="/buy" className="button button-primary" data-testid="buy-button">
            Buy credits
          </Link>
        )}
      </PageHeader>
      <Card
        title="Balance"
        actions={
          <span className={`status status-${status}`} data-testid="balance-status">
            {STATUS_LABEL[status]}
          </span>
        }
      >
        <dl className="stats">
          <Stat
            label="Available"
            value={formatCredits(b.availableMillicredits)}
            detail="credits"
            testId="available"
          />
          <Stat
            label="Balance"
            value={formatCredits(b.balanceMillicredits)}
            detail="credits"
            testId="balance"
          />
          <Stat
            label="Held for campaigns"
            value={formatCredits(b.heldMillicredits)}
            detail="credits"
            testId="held"
          />
          <Stat
            label="Deficit"
            value={formatCredits(b.deficitMillicredits)}
            detail="credits"
            testId="deficit"
          />
          <Stat
            label="Expiring in the next 30 days"
            value={formatCredits(b.expiringWithin30DaysMillicredits)}
            detail="credits"
            testId="expiring"
          />
        </dl>
      </Card>
      <Card title="Estimated SMS left">
        <dl className="stats">
          <Stat
            label={`Home country (${b.home.country})`}
            value={formatCount(b.home.estimatedSmsLeft)}
            detail={`SMS, ${formatCredits(b.home.millicreditsPerSegment)} credits per segment`}
            testId="sms-left-home"
          />
          {b.chosen !== undefined && (
            <Stat
              label={`In ${b.chosen.country}`}
              value={formatCount(b.chosen.estimatedSmsLeft)}
              detail={`SMS, ${formatCredits(b.chosen.millicreditsPerSegment)} credits per segment`}
              testId="sms-left-chosen"
            />
          )}
        </dl>
        <SelectField
          label="Another destination"
          value={country}
          onChange={(event) => setCountry(event.target.value)}
        >
          <option value="">Choose a country</option>
          {countries.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
      </Card>
      {can(user.role, 'manageAutoTopUp') && (
        <Card title="Auto top-up" actions={<Link to="/auto-top-up">Settings</Link>}>
          <p data-testid="auto-top-up-state">
            {autoTopUp.isPending ? 'Loading…' : describeAutoTopUp(autoTopUp.data ?? null)}
          </p>
        </Card>
      )}
      <Card title="Recent activity">
        {activity.isPending ? (
          <Loading what="activity" />
        ) : activity.isError ? (
          <ErrorMessage error={activity.error} />
        ) : activity.data.items.length === 0 ? (
          <p>No activity yet.</p>
        ) : (
          <table className="table" data-testid="recent-activity">
            <thead>
              <tr>
                <th scope="col">When ({timeZone})</th>
                <th scope="col">What</th>
                <th scope="col" className="number">
                  Credits
                </th>
              </tr>
            </thead>
            <tbody>
              {activity.data.items.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDateTime(entry.createdAt, timeZone)}</td>
                  <td>
                    <Badge tone={entry.amountMillicredits >= 0 ? 'good' : 'neutral'}>
                      {entry.kind.replaceAll('_', ' ')}
                    </Badge>
                    {entry.campaignId !== null && <span className="muted"> campaign {entry.campaignId}</span>}
                  </td>
                  <td className="number">{formatCredits(entry.amountMillicredits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {account.data !== undefined && (
        <p className="muted">
          Account {account.data.id} · time zone {account.data.timeZone} · credits are spent{' '}
          {account.data.consumptionPolicy === 'non_expiring_first'
            ? 'non-expiring first'
            : 'soonest expiry first'}
        </p>
      )}
    </>
  );
}
