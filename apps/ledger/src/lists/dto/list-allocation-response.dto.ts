import { ApiProperty } from '@nestjs/swagger';

export class ListAllocationResponse {
  @ApiProperty({ example: 'list_newsletter' }) listId!: string;
  @ApiProperty({ description: 'What the list may still spend, in millicredits' })
  remainingMillicredits!: number;
  @ApiProperty({ description: 'What the list has spent, in millicredits' }) spentMillicredits!: number;
}
