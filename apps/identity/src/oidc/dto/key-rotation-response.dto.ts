import { ApiProperty } from '@nestjs/swagger';

export class KeyRotationResponse {
  @ApiProperty({ description: 'Key id of the key that signs from now on' })
  kid!: string;

  @ApiProperty({
    type: [String],
    description: 'Key ids of the keys it replaced; they verify until their tokens expire',
  })
  retired!: string[];
}
