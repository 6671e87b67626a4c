import { Controller, Get, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/decorators.js';
import { InstantField, Optional } from '../common/validation.js';
import { AuditService } from './audit.service.js';

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
}

@ApiTags('audit')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @ApiOperation({ summary: 'The append-only audit log (admin only)' })
  @Get()
  @Roles('admin')
  list(@Query() q: ListAuditEventsQuery) {
    return this.audit.list(q);
  }
}
