import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, Max, Min } from 'class-validator';

export class RateCardDto {
  @ApiProperty({ example: 1000, description: 'Millicredits per segment for countries without a rate' })
  @IsInt()
  @Min(1)
  @Max(1e9)
  defaultMillicreditsPerSegment!: number;

  @ApiProperty({
    example: { IT: 1000, DE: 1500, US: 500 },
    description: 'Millicredits per segment by ISO country',
  })
  @IsObject()
  rates!: Record<string, number>;
}
