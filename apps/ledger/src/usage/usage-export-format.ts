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

// Credits as a decimal string built from the integer millicredits: exact, no floating point.
export function creditsText(millicredits: number): string {
  const sign = millicredits < 0 ? '-' : '';
  const abs = Math.abs(millicredits);
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 1000)}${fraction === '' ? '' : `.${fraction}`}`;
}

export function usageCells(row: UsageRow): (string | number)[] {
  return [
    row.messageId,
    new Date(row.sentAt).toISOString(),
    row.to,
    row.country ?? '',
    row.segments,
    creditsText(row.chargedMillicredits),
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
