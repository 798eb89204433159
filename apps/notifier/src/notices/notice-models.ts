import type {
  AutoTopUpFailedEvent,
  BalanceDepletedEvent,
  BalanceLowEvent,
  CreditsAppliedEvent,
  CreditsExpiredEvent,
  CreditsExpiringEvent,
  CreditsReinstatedEvent,
  CreditsReversedEvent,
  InvoiceIssuedEvent,
  OrderApprovalRequestedEvent,
} from '@sms/contracts';
import { formatCredits, formatMoney } from '@sms/contracts';
import type { LanguagePack } from '../templates/language-pack';
import type { TemplateModel } from '../templates/template-engine';
import { formatCalendarDate, formatCount, formatExpiry, formatInstant } from './formatting';
import type { Links } from './links';

// What a template needs to know about the account it writes to.
export interface NoticeContext {
  accountId: string;
  pack: LanguagePack;
  timeZone: string;
  links: Links;
}

// The state a daily reminder is written from (the numbers of the balance.low that started it).
export interface LowBalanceSnapshot {
  levelMillicredits: number;
  balanceMillicredits: number;
  estimatedSmsLeft: number | null;
  belowSince: Date;
}

// Pure functions from an event to the values its template shows, formatted for the account's
// language and time zone.
export function lowBalanceModel(event: BalanceLowEvent, ctx: NoticeContext): TemplateModel {
  const { locale } = ctx.pack;
  return {
    ...common(ctx),
    actionUrl: ctx.links.buyCredits(ctx.accountId),
    level: formatCredits(event.levelMillicredits, locale),
    balance: formatCredits(event.balanceMillicredits, locale),
    available: formatCredits(event.availableMillicredits, locale),
    estimatedSmsLeft: smsLeft(event.estimatedSmsLeft, locale),
    occurredAt: instant(event.occurredAt, ctx),
  };
}

export function lowBalanceReminderModel(snapshot: LowBalanceSnapshot, ctx: NoticeContext): TemplateModel {
  const { locale } = ctx.pack;
  return {
    ...common(ctx),
    actionUrl: ctx.links.buyCredits(ctx.accountId),
    level: formatCredits(snapshot.levelMillicredits, locale),
    balance: formatCredits(snapshot.balanceMillicredits, locale),
    estimatedSmsLeft: smsLeft(snapshot.estimatedSmsLeft, locale),
    belowSince: instant(snapshot.belowSince, ctx),
  };
}

export function depletedModel(event: BalanceDepletedEvent, ctx: NoticeContext): TemplateModel {
  const { locale } = ctx.pack;
  return {
    ...common(ctx),
    actionUrl: ctx.links.buyCredits(ctx.accountId),
    balance: formatCredits(event.balanceMillicredits, locale),
    available: formatCredits(event.availableMillicredits, locale),
    negative: event.balanceMillicredits < 0,
    occurredAt: instant(event.occurredAt, ctx),
  };
}

export function receiptModel(event: CreditsAppliedEvent, ctx: NoticeContext): TemplateModel {
  const { locale } = ctx.pack;
  return {
    ...common(ctx),
    actionUrl: ctx.links.credits(ctx.accountId),
    granted: formatCredits(event.grantedMillicredits, locale),
    deficitNetted:
      event.deficitNettedMillicredits > 0 ? formatCredits(event.deficitNettedMillicredits, locale) : null,
    balance: formatCredits(event.balanceMillicredits, locale),
    source: ctx.pack.creditSources[event.source],
    orderId: event.orderId,
    expiresAt:
      event.expiresAt === null
        ? null
        : formatExpiry({ expiresAt: event.expiresAt, timeZone: ctx.timeZone, locale }),
    occurredAt: instant(event.occurredAt, ctx),
  };
}

export function expiringModel(event: CreditsExpiringEvent, ctx: NoticeContext): TemplateModel {
  const { locale } = ctx.pack;
  return {
    ...common(ctx),
    actionUrl: ctx.links.credits(ctx.accountId),
    remaining: formatCredits(event.remainingMillicredits, locale),
    // The ledger judged the last valid day in the account's time zone; it is shown as it is.
    expiryDate: formatCalendarDate(event.expiryDate, locale),
    timeZone: event.timeZone,
    // Calendar days from the day it was sent to the last valid day, both in the account's time zone.
    daysBefore: event.daysBefore,
    lastDayToday: event.daysBefore === 0,
    lastDayTomorrow: event.daysBefore === 1,
    lastDayLater: event.daysBefore > 1,
  };
}

export function expiredModel(event: CreditsExpiredEvent, ctx: NoticeContext): TemplateModel {
  const { locale } = ctx.pack;
  return {
    ...common(ctx),
    actionUrl: ctx.links.credits(ctx.accountId),
    expired: formatCredits(event.expiredMillicredits, locale),
    balance: formatCredits(event.balanceMillicredits, locale),
    expiryDate: formatCalendarDate(event.expiryDate, locale),
    timeZone: event.timeZone,
  };
}

export function autoTopUpFailedModel(event: AutoTopUpFailedEvent, ctx: NoticeContext): TemplateModel {
  return {
    ...common(ctx),
    actionUrl: ctx.links.autoTopUp(ctx.accountId),
    paymentFailed: event.kind === 'payment_failed',
    reason: event.reason,
    disabled: event.disabled,
    recharges: event.rechargesInLast30Days,
    maxRecharges: event.maxRechargesPer30Days,
  };
}

export function approvalRequestedModel(
  event: OrderApprovalRequestedEvent,
  ctx: NoticeContext,
): TemplateModel {
  const { locale } = ctx.pack;
  return {
    ...common(ctx),
    actionUrl: ctx.links.orderApproval(ctx.accountId, event.orderId),
    approverName: event.approver.name,
    requesterName: event.requester.name,
    requesterEmail: event.requester.email,
    orderId: event.orderId,
    credits: formatCredits(event.amountMillicredits, locale),
    amount: formatMoney({ minor: event.amountMinor, currency: event.currency, locale }),
  };
}

export function invoiceIssuedModel(event: InvoiceIssuedEvent, ctx: NoticeContext): TemplateModel {
  const { locale } = ctx.pack;
  return {
    ...common(ctx),
    actionUrl: ctx.links.invoice(event.downloadPath),
    number: event.number,
    periodStart: formatCalendarDate(event.periodStart, locale),
    periodEnd: formatCalendarDate(event.periodEnd, locale),
    total: formatMoney({ minor: event.totalMinor, currency: event.currency, locale }),
  };
}

// Credits taken back because the money went back: a refund, a card dispute opened, or one lost.
export function creditsReversedModel(event: CreditsReversedEvent, ctx: NoticeContext): TemplateModel {
  const { locale } = ctx.pack;
  return {
    ...common(ctx),
    actionUrl: ctx.links.credits(ctx.accountId),
    isRefund: event.reason === 'refund' ? 'yes' : null,
    isDisputeOpened: event.reason === 'dispute_opened' ? 'yes' : null,
    isDisputeLost: event.reason === 'dispute_lost' ? 'yes' : null,
    amount: formatMoney({ minor: event.amountMinor, currency: event.currency, locale }),
    reversed: formatCredits(event.reversedMillicredits, locale),
    orderId: event.orderId,
    creditNote: event.creditNoteNumber,
    occurredAt: instant(event.occurredAt, ctx),
  };
}

export function creditsReinstatedModel(event: CreditsReinstatedEvent, ctx: NoticeContext): TemplateModel {
  const { locale } = ctx.pack;
  return {
    ...common(ctx),
    actionUrl: ctx.links.credits(ctx.accountId),
    amount: formatMoney({ minor: event.amountMinor, currency: event.currency, locale }),
    reinstated: formatCredits(event.reinstatedMillicredits, locale),
    orderId: event.orderId,
    occurredAt: instant(event.occurredAt, ctx),
  };
}

function common(ctx: NoticeContext): TemplateModel {
  return { settingsUrl: ctx.links.notificationSettings(ctx.accountId) };
}

function smsLeft(estimate: number | null, locale: string): string | null {
  return estimate === null ? null : formatCount(estimate, locale);
}

function instant(at: string | Date, ctx: NoticeContext): string {
  return formatInstant({ at, timeZone: ctx.timeZone, locale: ctx.pack.locale });
}
