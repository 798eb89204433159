import { invitationModel, passwordResetModel } from '../identity-notices/identity-notice-models';
import type { NoticeKind } from '../templates/notice-kind';
import type { TemplateModel } from '../templates/template-engine';
import {
  approvalRequestedModel,
  autoTopUpFailedModel,
  creditsReinstatedModel,
  creditsReversedModel,
  depletedModel,
  expiredModel,
  expiringModel,
  invoiceIssuedModel,
  lowBalanceModel,
  lowBalanceReminderModel,
  receiptModel,
  type NoticeContext,
} from '../notices/notice-models';

const envelope = {
  schemaVersion: 1 as const,
  eventId: '00000000-0000-4000-8000-000000000001',
  occurredAt: '2025-03-10T08:15:00Z',
  accountId: 'acc_sample',
};

// Sample data for template previews: realistic numbers through the same models real events use.
export function sampleModel(kind: NoticeKind, ctx: NoticeContext): TemplateModel {
  switch (kind) {
    case 'low_balance':
      return lowBalanceModel(
        {
          ...envelope,
          monitorId: 'mon_sample',
          purpose: 'low_balance_notice',
          levelMillicredits: 1_000_000,
          balanceMillicredits: 987_500,
          availableMillicredits: 950_000,
          estimatedSmsLeft: 1316,
        },
        ctx,
      );
    case 'low_balance_reminder':
      return lowBalanceReminderModel(
        {
          levelMillicredits: 1_000_000,
          balanceMillicredits: 987_500,
          estimatedSmsLeft: 1316,
          belowSince: new Date('2025-03-10T08:15:00Z'),
        },
        ctx,
      );
    case 'depleted':
      return depletedModel({ ...envelope, balanceMillicredits: -200_000, availableMillicredits: 0 }, ctx);
    case 'receipt':
      return receiptModel(
        {
          ...envelope,
          orderId: 'ord_sample',
          lotId: 'lot_sample',
          source: 'purchase',
          grantedMillicredits: 10_000_000,
          deficitNettedMillicredits: 200_000,
          balanceMillicredits: 9_800_000,
          expiresAt: '2025-06-08T22:00:00Z',
        },
        ctx,
      );
    case 'expiring':
      return expiringModel(
        {
          ...envelope,
          lotId: 'lot_sample',
          remainingMillicredits: 2_500_000,
          expiresAt: '2025-04-09T22:00:00Z',
          expiryDate: '2025-04-09',
          timeZone: 'Europe/Rome',
          daysBefore: 30,
        },
        ctx,
      );
    case 'expired':
      return expiredModel(
        {
          ...envelope,
          lotId: 'lot_sample',
          expiredMillicredits: 2_500_000,
          balanceMillicredits: 7_300_000,
          expiryDate: '2025-03-09',
          timeZone: 'Europe/Rome',
        },
        ctx,
      );
    case 'autotopup_failed':
      return autoTopUpFailedModel(
        {
          ...envelope,
          kind: 'payment_failed',
          reason: 'the card has expired',
          disabled: true,
          rechargesInLast30Days: 2,
          maxRechargesPer30Days: 5,
        },
        ctx,
      );
    case 'approval_requested':
      return approvalRequestedModel(
        {
          ...envelope,
          schemaVersion: 2,
          orderId: 'ord_sample',
          amountMillicredits: 10_000_000,
          amountMinor: 45_000,
          currency: 'EUR',
          requester: { name: 'Marta Rossi', email: 'marta@example.com' },
          approver: { name: 'Luca Bianchi', email: 'luca@example.com' },
        },
        ctx,
      );
    case 'invoice_issued':
      return invoiceIssuedModel(
        {
          ...envelope,
          invoiceId: 'inv_sample',
          number: 'INV-2025-0042',
          periodStart: '2025-02-01',
          periodEnd: '2025-02-28',
          totalMinor: 123_450,
          currency: 'EUR',
          downloadPath: '/accounts/acc_sample/invoices/inv_sample/pdf',
        },
        ctx,
      );
    case 'credits_reversed':
      return creditsReversedModel(
        {
          ...envelope,
          reversalId: 'rev_sample',
          orderId: 'ord_sample',
          reason: 'refund',
          reversedMillicredits: 10_000_000,
          amountMinor: 4500,
          currency: 'EUR',
          creditNoteNumber: 'SMSC-CN-2025-000007',
        },
        ctx,
      );
    case 'credits_reinstated':
      return creditsReinstatedModel(
        {
          ...envelope,
          reinstatementId: 'rev_sample',
          orderId: 'ord_sample',
          reason: 'dispute_won',
          reinstatedMillicredits: 10_000_000,
          amountMinor: 4500,
          currency: 'EUR',
        },
        ctx,
      );
    case 'invitation':
      return invitationModel(
        {
          ...envelope,
          invitationId: 'inv_sample',
          email: 'ann@example.com',
          role: 'billing',
          invitedBy: 'Marta Rossi',
          acceptUrl: 'https://id.example.com/invitations/sample-secret',
          expiresAt: '2025-03-13T08:15:00Z',
        },
        ctx.pack,
      );
    case 'password_reset':
      return passwordResetModel(
        {
          schemaVersion: 1,
          eventId: envelope.eventId,
          occurredAt: envelope.occurredAt,
          userId: 'usr_sample',
          email: 'ann@example.com',
          name: 'Ann Example',
          resetUrl: 'https://id.example.com/password-reset/sample-secret',
          expiresAt: '2025-03-10T09:15:00Z',
        },
        ctx.pack,
      );
  }
}
