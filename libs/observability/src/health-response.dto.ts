import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

export class CheckResultResponse {
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional({ description: 'Why it failed (detail only for the operations token)' })
  error?: string;
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ready', 'not_ready'] }) status!: 'ready' | 'not_ready';
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/CheckResultResponse' },
    description: 'One result per dependency (PostgreSQL, Kafka consumers, …)',
  })
  checks!: Record<string, CheckResultResponse>;
}
