import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class AllocationDto {
  @ApiProperty({ example: 5_000_000, description: "The list's allocation (spending limit) in millicredits" })
  @IsInt()
  @Min(0)
  @Max(1e15)
  millicredits!: number;
}
