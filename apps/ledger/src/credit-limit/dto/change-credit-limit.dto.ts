import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class ChangeCreditLimitDto {
  @ApiProperty({
    example: 5_000_000,
    description: 'How far below zero holds may take available credits, in millicredits (0: no credit line)',
  })
  @IsInt()
  @Min(0)
  @Max(1e15)
  overdraftMillicredits!: number;

  @ApiProperty({ example: 'Credit line approved by finance, contract 2026-114' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}
