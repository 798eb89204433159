import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class AllocationDto {
  @ApiProperty({
    example: 5_000_000,
    description:
      'What the list may still spend (its allocation), in millicredits; read back as remainingMillicredits',
  })
  @IsInt()
  @Min(0)
  @Max(1e15)
  remainingMillicredits!: number;
}
