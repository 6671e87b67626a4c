import { ApiProperty } from '@nestjs/swagger';

/** One event of the audit log, filled by auditEventView. */
export class AuditEventResponse {
  @ApiProperty({ description: 'Opaque, time-ordered id', example: '01930f2e-7c1a-7b55-9d1e-3f2a9c8b1d00' }) id: string;
  @ApiProperty({ description: 'When it happened', example: '2027-02-01T11:00:00+01:00' }) at: string;
  @ApiProperty({ description: 'The user who did it', example: 'admin-token' }) userId: string;
  @ApiProperty({ description: 'The organisation or scope acted for', example: 'insurer 3311' }) actingFor: string;
  @ApiProperty({ example: 'terminate' }) action: string;
  @ApiProperty({ example: 'contract' }) entityType: string;
  @ApiProperty({ example: '01930f2e-…' }) entityId: string;
  @ApiProperty({ example: 'last day 2027-10-31' }) summary: string;
}
