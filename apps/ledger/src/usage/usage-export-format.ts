import { creditsDecimal } from '@sms/contracts';
import type { UsageRow } from './usage.repository';

export const USAGE_EXPORT_HEADER = [
  'messageId',
  'sentAt',
  'to',
  'country',
  'segments',
  'credits',
  'listId',
  'campaignId',
] as const;

export function usageCells(row: UsageRow): (string | number)[] {
  return [
    row.messageId,
    new Date(row.sentAt).toISOString(),
    row.to,
    row.country ?? '',
    row.segments,
    creditsDecimal(row.chargedMillicredits),
    row.listId ?? '',
    row.campaignId ?? '',
  ];
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
export function csvLine(cells: readonly (string | number)[]): string {
  return `${cells.map(csvField).join(',')}\n`;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
