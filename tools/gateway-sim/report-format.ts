import { formatCredits as formatCreditsIn } from '@sms/contracts';
import type { CampaignProgress, CampaignReport } from './campaign';

// Credits from integer millicredits, exactly (no floating point): 12345 → "12.345".
export function formatCredits(millicredits: number): string {
  return formatCreditsIn(millicredits, 'en-US');
}

export function formatProgress(progress: CampaignProgress): string {
  const percent = Math.floor((progress.sent * 100) / Math.max(1, progress.recipients));
  const base =
    `${progress.sent.toLocaleString('en-US')}/${progress.recipients.toLocaleString('en-US')} sent (${percent}%)` +
    ` · ${formatCredits(progress.creditsUsedMillicredits)} credits · ${progress.messagesPerSecond} msg/s`;
  return progress.phase === 'waiting_for_credits'
    ? `${base} · out of credits, waiting ${progress.waitedSeconds ?? 0}s for more`
    : base;
}

export function describeReport(report: CampaignReport): string[] {
  const countries = Object.entries(report.byCountry)
    .sort(([, a], [, b]) => b - a)
    .map(([country, count]) => `${country} ${count}`)
    .join(', ');
  return [
    `campaign ${report.campaignId} for ${report.accountId}: ${report.outcome === 'completed' ? 'completed' : 'stopped, out of credits'} in ${report.seconds.toFixed(1)} s`,
    `  recipients ${report.recipients.toLocaleString('en-US')}: sent ${report.sent.toLocaleString('en-US')}, not sent ${report.notSent.toLocaleString('en-US')}`,
    `  segments ${report.segments.toLocaleString('en-US')}, credits used ${formatCredits(report.creditsUsedMillicredits)}`,
    `  holds ${report.holds} (${report.partialGrants} partly granted), waits for credits ${report.waitsForCredits}`,
    `  encodings: GSM-7 ${report.byEncoding.gsm7}, UCS-2 ${report.byEncoding.ucs2}; countries: ${countries}`,
  ];
}
