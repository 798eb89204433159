import { useAccount, useBalance } from '../../app/account';
import { Card, PageHeader } from '../../components/card';
import { ErrorMessage, Loading } from '../../components/feedback';
import { formatCredits } from '../../format/credits';
import { formatDay } from '../../format/dates';

// Lot by lot: what was granted, what is left, where it came from and the day it expires.
export default function CreditsPage() {
  const balance = useBalance();
  const account = useAccount();
  if (balance.isPending) {
    return <Loading what="credits" />;
  }
  if (balance.isError) {
    return <ErrorMessage error={balance.error} />;
  }
  const { lots, lists } = balance.data;
  return (
    <>
      <PageHeader title="Credits" />
      <Card title="Lots">
        {lots.length === 0 ? (
          <p>No credits yet.</p>
        ) : (
          <table className="table" data-testid="lots">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col" className="number">
                  Granted
                </th>
                <th scope="col" className="number">
                  Remaining
                </th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {lots.map((lot) => (
                <tr key={lot.lotId}>
                  <td>{lot.source.replaceAll('_', ' ')}</td>
                  <td className="number">{formatCredits(lot.grantedMillicredits)}</td>
                  <td className="number">{formatCredits(lot.remainingMillicredits)}</td>
                  <td>{lot.expiryDate === null ? 'Never' : `End of ${formatDay(lot.expiryDate)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Consumption policy">
        <p>
          {account.data?.consumptionPolicy === 'soonest_expiry_first'
            ? 'Credits that expire soonest are spent first.'
            : 'Credits that never expire are spent first, then those that expire soonest.'}
        </p>
      </Card>
      <Card title="Lists">
        <p>
          Mode: <strong>{lists.mode}</strong>
          {lists.mode === 'shared'
            ? ' — every list spends from the account balance.'
            : ' — each list spends its own allocation.'}
        </p>
        {lists.allocations.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">List</th>
                <th scope="col" className="number">
                  Allocated
                </th>
                <th scope="col" className="number">
                  Spent
                </th>
              </tr>
            </thead>
            <tbody>
              {lists.allocations.map((allocation) => (
                <tr key={allocation.listId}>
                  <td>{allocation.listId}</td>
                  <td className="number">{formatCredits(allocation.remainingMillicredits)}</td>
                  <td className="number">{formatCredits(allocation.spentMillicredits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
