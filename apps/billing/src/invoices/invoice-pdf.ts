import PDFDocument from 'pdfkit';
import { moneyDecimal } from '@sms/contracts';
import type { Invoice } from './invoice.repository';

// Minor units to a display amount without floating point: 123456 EUR -> "1234.56 EUR".
function formatMoney(minor: number, currency: string): string {
  return `${moneyDecimal({ minor, currency })} ${currency}`;
}

export function renderInvoicePdf(invoice: Invoice, issuerName: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${invoice.number}` } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.fontSize(20).text(`Invoice ${invoice.number}`);
    doc.moveDown(0.5).fontSize(10).text(`Issued by ${issuerName} (${invoice.issuer})`);
    doc.text(`Issued on ${invoice.issuedAt.slice(0, 10)}`);
    doc.text(`Period ${invoice.periodStart} to ${invoice.periodEnd}`);
    doc.moveDown();
    doc.fontSize(12).text('Billed to');
    doc.fontSize(10).text(invoice.billedTo.legalName);
    if (invoice.billedTo.address !== '') {
      doc.text(invoice.billedTo.address);
    }
    doc.text(`${invoice.billedTo.country}  ${invoice.billedTo.vatNumber ?? ''}`.trim());
    doc.text(invoice.billedTo.email);
    doc.moveDown();
    doc.fontSize(12).text('Purchases');
    doc.fontSize(10);
    for (const line of invoice.lines) {
      doc.text(
        `${line.paidAt.slice(0, 10)}  ${line.description}  ${line.credits.toLocaleString('en-US')} credits  ${formatMoney(line.amountMinor, invoice.currency)}  (order ${line.orderId})`,
      );
    }
    doc.moveDown();
    doc.fontSize(12).text(`Total ${formatMoney(invoice.totalMinor, invoice.currency)}`);
    doc.end();
  });
}
