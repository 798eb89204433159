import { ApiProperty } from '@nestjs/swagger';

export class PostingResponse {
  @ApiProperty({
    enum: [
      'balance',
      'held',
      'grants',
      'usage',
      'expired',
      'hold_reserve',
      'deficit',
      'lot_funding',
      'adjustments',
      'reversals',
      'goodwill',
    ],
  })
  ledgerAccount!: string;
  @ApiProperty() amountMillicredits!: number;
}

export class JournalEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Increasing sequence number' }) seq!: number;
  @ApiProperty({
    enum: [
      'grant',
      'deficit_netting',
      'sms_charge',
      'hold',
      'hold_settle',
      'hold_release',
      'expiry',
      'adjustment',
      'reversal',
      'reinstatement',
      'goodwill',
      'correction',
    ],
  })
  kind!: string;
  @ApiProperty({ description: "What the entry did to the account's balance, in millicredits" })
  amountMillicredits!: number;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ type: String, nullable: true }) listId!: string | null;
  @ApiProperty({ type: String, nullable: true }) campaignId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Who and why, lot ids' })
  details!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [PostingResponse], description: 'Double entry: the postings sum to zero' })
  postings!: PostingResponse[];
}

export class JournalPageResponse {
  @ApiProperty({ type: [JournalEntryResponse] }) items!: JournalEntryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as cursor; null on the last page' })
  nextCursor!: string | null;
}

export class BalanceDifferenceResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty() cachedBalanceMillicredits!: number;
  @ApiProperty() journalBalanceMillicredits!: number;
  @ApiProperty() cachedHeldMillicredits!: number;
  @ApiProperty() journalHeldMillicredits!: number;
  @ApiProperty({ description: 'What the unexpired lots hold' }) lotsMillicredits!: number;
}

export class JournalCheckResponse {
  @ApiProperty() accountsChecked!: number;
  @ApiProperty({ type: [BalanceDifferenceResponse] }) differences!: BalanceDifferenceResponse[];
}
