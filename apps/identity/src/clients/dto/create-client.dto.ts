import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateClientDto {
  @ApiProperty({
    example: 'Main SMS gateway',
    description: 'What the client is, for people reading the list',
  })
  @IsString()
  @Length(1, 100)
  name!: string;
}
