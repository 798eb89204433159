import { ApiProperty } from '@nestjs/swagger';

export class UsageRowResponse {
  @ApiProperty({ description: "The gateway's message id" }) messageId!: string;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty({ example: '+393471234567' }) to!: string;
  @ApiProperty({ type: String, nullable: true, example: 'IT' }) country!: string | null;
  @ApiProperty() segments!: number;
  @ApiProperty({ description: 'What the message cost, in millicredits' }) chargedMillicredits!: number;
  @ApiProperty({ type: String, nullable: true }) listId!: string | null;
  @ApiProperty({ type: String, nullable: true }) campaignId!: string | null;
  @ApiProperty({ type: String, nullable: true }) holdId!: string | null;
}

export class UsagePageResponse {
  @ApiProperty({ type: [UsageRowResponse] }) items!: UsageRowResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as cursor; null on the last page' })
  nextCursor!: string | null;
}

export class UsageSummaryResponse {
  @ApiProperty() messages!: number;
  @ApiProperty() segments!: number;
  @ApiProperty({ description: 'What the messages cost, in millicredits' }) chargedMillicredits!: number;
}

export class UsageBucketResponse {
  @ApiProperty({ format: 'date-time', description: 'Start of the day, week or month' }) period!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: messages sent without a list' })
  listId!: string | null;
  @ApiProperty() messages!: number;
  @ApiProperty() segments!: number;
  @ApiProperty({ description: 'What the messages cost, in millicredits' }) chargedMillicredits!: number;
}
