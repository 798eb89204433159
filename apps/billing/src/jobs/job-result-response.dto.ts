import { ApiProperty } from '@nestjs/swagger';
import { JOB_NAMES, type JobName } from './job-runner';

export class JobResultResponse {
  @ApiProperty({ enum: JOB_NAMES }) job!: JobName;
  @ApiProperty({ format: 'date-time', description: 'The moment the job ran as of' }) asOf!: string;
  @ApiProperty({ description: 'Orders, renewals or invoices handled' }) processed!: number;
}
