import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, Matches, MaxLength } from 'class-validator';
import { InstantField, IntField, Optional } from '../../common/validation.js';

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 1000;

export class ListAuditEventsQuery {
  @ApiPropertyOptional({ description: 'Entity type, e.g. contract, assignment', example: 'assignment' })
  @Optional()
  @IsString()
  @MaxLength(64)
  entityType?: string;
  @ApiPropertyOptional({ description: 'Entity id' })
  @Optional()
  @IsString()
  @MaxLength(64)
  entityId?: string;
  @InstantField({ description: 'From instant, with offset', example: '2027-01-01T00:00:00+01:00', required: false })
  from?: string;
  @InstantField({ description: 'To instant, with offset', example: '2027-02-01T00:00:00+01:00', required: false })
  to?: string;
  @IntField({ description: `Events per page, newest first (default ${AUDIT_PAGE_DEFAULT})`, example: AUDIT_PAGE_DEFAULT, required: false }, 1, AUDIT_PAGE_MAX)
  @Type(() => Number)
  limit?: number;
  @ApiPropertyOptional({
    description: 'Opaque cursor from the X-Next-Cursor (or Link rel="next") header of the previous page; send the same filters with it',
    example: 'MTc5NTQyMDgwMDAwMC4wMTkzMGYyZS03YzFhLTdiNTUtOWQxZS0zZjJhOWM4YjFkMDA',
  })
  @Optional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not valid; use the one from the previous page' })
  cursor?: string;
}
