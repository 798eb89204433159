import type { SmsSentEvent } from '@sms/contracts';
import type { LedgerClient } from './ledger-client';
import { MessageFactory } from './message-factory';
import { fitToGrant, price, PricedSms, totalCost } from './pricing';
import { seededRandom } from './random';
import type { SmsSender } from './sms-sender';
import { TokenBucket } from './token-bucket';

export interface CampaignOptions {
  accountId: string;
  recipients: number;
  ratePerSecond: number;
  chunkSize: number;
  // How long to keep asking for credits (for an auto top-up to land) before the campaign stops.
  waitForCreditsSeconds: number;
  campaignId: string;
  listId?: string;
  seed?: number;
  holdTtlSeconds?: number;
  // Pause between hold attempts while waiting for credits.
  retryIntervalMs?: number;
}

export interface CampaignProgress {
  phase: 'sending' | 'waiting_for_credits' | 'finished';
  sent: number;
  recipients: number;
  creditsUsedMillicredits: number;
  messagesPerSecond: number;
  waitedSeconds?: number;
}

export interface CampaignReport {
  campaignId: string;
  accountId: string;
  recipients: number;
  sent: number;
  notSent: number;
  segments: number;
  creditsUsedMillicredits: number;
  holds: number;
  partialGrants: number;
  releaseFailures: number;
  waitsForCredits: number;
  outcome: 'completed' | 'out_of_credits';
  seconds: number;
  byCountry: Record<string, number>;
  byEncoding: { gsm7: number; ucs2: number };
}

// Runs a campaign the way a gateway does [004]: for each chunk of recipients it reserves the chunk's
// estimated cost (a hold), sends only the messages that fit in what the ledger granted, releases what
// the hold still reserves once the ledger has settled them, and when credits run short waits for them
// (an auto top-up in flight) up to a limit, then stops: the remaining recipients get nothing.
export async function runCampaign(deps: {
  ledger: LedgerClient;
  sender: SmsSender;
  options: CampaignOptions;
  onProgress?: (progress: CampaignProgress) => void;
  progressIntervalMs?: number;
}): Promise<CampaignReport> {
  const { ledger, sender, options } = deps;
  const started = Date.now();
  const card = await ledger.rateCard();
  const factory = new MessageFactory(
    seededRandom(options.seed ?? hash(options.campaignId)),
    options.campaignId,
  );
  const bucket = new TokenBucket(options.ratePerSecond);
  const sendBatch = Math.max(1, Math.min(500, Math.round(options.ratePerSecond / 20)));
  const releases: Promise<void>[] = [];
  const report: CampaignReport = {
    campaignId: options.campaignId,
    accountId: options.accountId,
    recipients: options.recipients,
    sent: 0,
    notSent: 0,
    segments: 0,
    creditsUsedMillicredits: 0,
    holds: 0,
    partialGrants: 0,
    releaseFailures: 0,
    waitsForCredits: 0,
    outcome: 'completed',
    seconds: 0,
    byCountry: {},
    byEncoding: { gsm7: 0, ucs2: 0 },
  };
  let waitingSince: number | undefined;
  const progress = (phase: CampaignProgress['phase']) =>
    deps.onProgress?.({
      phase,
      sent: report.sent,
      recipients: options.recipients,
      creditsUsedMillicredits: report.creditsUsedMillicredits,
      messagesPerSecond: Math.round(report.sent / Math.max(0.001, (Date.now() - started) / 1000)),
      ...(waitingSince !== undefined
        ? { waitedSeconds: Math.round((Date.now() - waitingSince) / 1000) }
        : {}),
    });
  const ticker = setInterval(
    () => progress(waitingSince === undefined ? 'sending' : 'waiting_for_credits'),
    deps.progressIntervalMs ?? 1000,
  );

  try {
    let next = 0;
    campaign: while (next < options.recipients) {
      const size = Math.min(options.chunkSize, options.recipients - next);
      let pending: PricedSms[] = [];
      for (let i = 0; i < size; i += 1) {
        pending.push(price(card, factory.message(next + i)));
      }
      while (pending.length > 0) {
        const needed = totalCost(pending);
        const hold = await ledger.placeHold({
          accountId: options.accountId,
          requestedMillicredits: needed,
          ttlSeconds: options.holdTtlSeconds ?? 600,
          listId: options.listId,
        });
        report.holds += 1;
        const { fit, rest, costMillicredits } = fitToGrant(pending, hold.grantedMillicredits);
        if (fit.length > 0) {
          waitingSince = undefined;
          await sendPaced({
            sender,
            bucket,
            batch: sendBatch,
            messages: fit,
            holdId: hold.holdId,
            options,
            report,
          });
        }
        releases.push(
          settleThenRelease({
            ledger,
            accountId: options.accountId,
            hold,
            sentMillicredits: costMillicredits,
          }).catch(() => {
            // The hold's time to live gives the credits back if the ledger cannot be reached.
            report.releaseFailures += 1;
          }),
        );
        pending = rest;
        if (rest.length === 0) {
          break;
        }
        report.partialGrants += hold.grantedMillicredits > 0 ? 1 : 0;
        if (waitingSince === undefined) {
          waitingSince = Date.now();
          report.waitsForCredits += 1;
          progress('waiting_for_credits');
        }
        if (Date.now() - waitingSince >= options.waitForCreditsSeconds * 1000) {
          break campaign;
        }
        await sleep(options.retryIntervalMs ?? 1000);
      }
      next += size;
    }
    report.notSent = options.recipients - report.sent;
    report.outcome = report.notSent > 0 ? 'out_of_credits' : 'completed';
    await Promise.all(releases);
  } finally {
    clearInterval(ticker);
  }
  waitingSince = undefined;
  report.seconds = (Date.now() - started) / 1000;
  progress('finished');
  return report;
}

async function sendPaced(args: {
  sender: SmsSender;
  bucket: TokenBucket;
  batch: number;
  messages: readonly PricedSms[];
  holdId: string;
  options: CampaignOptions;
  report: CampaignReport;
}): Promise<void> {
  const { messages, report } = args;
  let offset = 0;
  while (offset < messages.length) {
    const taken = await args.bucket.take(Math.min(args.batch, messages.length - offset));
    const slice = messages.slice(offset, offset + taken);
    const sentAt = new Date().toISOString();
    await args.sender.send(
      slice.map((sms): SmsSentEvent => ({
        schemaVersion: 1,
        messageId: sms.messageId,
        accountId: args.options.accountId,
        to: sms.to,
        body: sms.body,
        holdId: args.holdId,
        campaignId: args.options.campaignId,
        ...(args.options.listId !== undefined ? { listId: args.options.listId } : {}),
        sentAt,
      })),
    );
    for (const sms of slice) {
      report.sent += 1;
      report.segments += sms.segments;
      report.creditsUsedMillicredits += sms.millicredits;
      report.byCountry[sms.country ?? 'other'] = (report.byCountry[sms.country ?? 'other'] ?? 0) + 1;
      report.byEncoding[sms.encoding] += 1;
    }
    offset += taken;
  }
}

// The ledger settles each sms.sent against its hold as it charges it; releasing before that would
// hand the same credits to the next chunk. So wait until the hold has given up what was sent under
// it (or a minute passes), then release the rest.
async function settleThenRelease(args: {
  ledger: LedgerClient;
  accountId: string;
  hold: { holdId: string; grantedMillicredits: number };
  sentMillicredits: number;
}): Promise<void> {
  const { ledger, accountId, hold } = args;
  if (hold.grantedMillicredits === 0) {
    return;
  }
  const unused = hold.grantedMillicredits - args.sentMillicredits;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const state = await ledger.hold(accountId, hold.holdId).catch(() => undefined);
    if (state !== undefined && (state.status !== 'open' || state.remainingMillicredits <= unused)) {
      break;
    }
    await sleep(250);
  }
  await ledger.release(accountId, hold.holdId);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}
