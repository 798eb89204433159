import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class CreateHoldDto {
  @ApiProperty({ example: 500_000, description: 'Millicredits to reserve (1 credit = 1000)' })
  @IsInt()
  @Min(1)
  @Max(1e15)
  requestedMillicredits!: number;

  @ApiPropertyOptional({ example: 'list_newsletter' })
  @IsOptional()
  @Matches(/^[\w.:@-]{1,128}$/)
  listId?: string;

  @ApiPropertyOptional({ example: 600, default: 900 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400)
  ttlSeconds?: number;
}
