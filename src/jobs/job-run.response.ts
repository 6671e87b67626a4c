import { ApiProperty } from '@nestjs/swagger';

/** A run of a scheduled job, filled by jobRunView. */
export class JobRunResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-…' }) id: string;
  @ApiProperty({ enum: ['extend-slots', 'scan-gaps', 'draft-fee-statements'], example: 'scan-gaps' }) job: string;
  @ApiProperty({ description: 'In Europe/Amsterdam, the zone of the schedule', example: '2027-03-01T01:00:00+01:00' }) startedAt: string;
  @ApiProperty({ description: 'Null while running', example: '2027-03-01T01:00:02+01:00', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ description: 'skipped: another instance was running it', enum: ['running', 'ok', 'failed', 'skipped'], example: 'ok' }) outcome:
    'running' | 'ok' | 'failed' | 'skipped';
  @ApiProperty({
    description: 'What the run did, counted per kind (e.g. {"created":3,"resolved":1}); empty for a skipped run',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { created: 3, resolved: 1 },
  })
  counts: Record<string, number>;
}
