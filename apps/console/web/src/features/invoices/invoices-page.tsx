import { useQuery } from '@tanstack/react-query';
import { billing } from '../../api/http';
import { useSignedIn } from '../../app/session';
import { Card, PageHeader } from '../../components/card';
import { ErrorMessage, Loading } from '../../components/feedback';
import { formatDay } from '../../format/dates';
import { formatMoney } from '../../format/money';

export default function InvoicesPage() {
  const { accountId } = useSignedIn();
  const invoices = useQuery({
    queryKey: ['invoices', accountId],
    queryFn: () => billing.request('get', '/accounts/{accountId}/invoices', { path: { accountId } }),
  });
  return (
    <>
      <PageHeader title="Invoices" />
      <Card title="Monthly invoices">
        {invoices.isPending ? (
          <Loading what="invoices" />
        ) : invoices.isError ? (
          <ErrorMessage error={invoices.error} />
        ) : invoices.data.length === 0 ? (
          <p>
            No invoices yet. They are issued on the first business day of each month for the month before.
          </p>
        ) : (
          <table className="table" data-testid="invoices">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Period</th>
                <th scope="col" className="number">
                  Total
                </th>
                <th scope="col">PDF</th>
              </tr>
            </thead>
            <tbody>
              {invoices.data.map((invoice) => (
                <tr key={invoice.id}>
                  <td>{invoice.number}</td>
                  <td>
                    {formatDay(invoice.periodStart.slice(0, 10))} –{' '}
                    {formatDay(invoice.periodEnd.slice(0, 10))}
                  </td>
                  <td className="number">{formatMoney(invoice.totalMinor, invoice.currency)}</td>
                  <td>
                    <a
                      href={billing.href('/accounts/{accountId}/invoices/{invoiceId}/pdf', {
                        path: { accountId, invoiceId: invoice.id },
                      })}
                      download
                    >
                      Download {invoice.number}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
