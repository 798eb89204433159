import { ApiProperty } from '@nestjs/swagger';
import type { CreditLimitChange } from '../credit-limit.repository';

export class CreditLimitResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ description: 'How far below zero holds may take available credits, in millicredits' })
  overdraftMillicredits!: number;
}

export class CreditLimitChangeResponse {
  @ApiProperty() id!: string;
  @ApiProperty() oldOverdraftMillicredits!: number;
  @ApiProperty() newOverdraftMillicredits!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'The operator (token subject)' }) changedBy!: string;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;

  static of(change: CreditLimitChange): CreditLimitChangeResponse {
    return Object.assign(new CreditLimitChangeResponse(), {
      ...change,
      changedAt: new Date(change.changedAt).toISOString(),
    });
  }
}

export class CreditLimitChangePageResponse {
  @ApiProperty({ type: [CreditLimitChangeResponse] }) items!: CreditLimitChangeResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as cursor; null on the last page' })
  nextCursor!: string | null;
}
