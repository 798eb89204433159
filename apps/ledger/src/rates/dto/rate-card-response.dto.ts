import { ApiProperty } from '@nestjs/swagger';

export class RateCardResponse {
  @ApiProperty({ example: 1000, description: 'Millicredits per segment for countries without a rate' })
  defaultMillicreditsPerSegment!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { IT: 1000, DE: 1500, US: 500 },
    description: 'Millicredits per segment by ISO country',
  })
  rates!: Record<string, number>;
}
