import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AlertResponse } from './alert.response.js';
import { IsIn } from 'class-validator';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { CodeField, InstantField, Optional, REGION_CODE } from '../common/validation.js';
import { AlertsService } from './alerts.service.js';

export class ListAlertsQuery {
  @CodeField({ description: 'Region code', example: 'AMS', required: false }, REGION_CODE, 'a region code')
  regionCode?: string;
  @ApiPropertyOptional({ description: 'open or resolved', enum: ['open', 'resolved'] })
  @Optional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';
  @InstantField({ description: 'Slot start from (instant with offset)', example: '2027-03-01T00:00:00+01:00', required: false })
  from?: string;
  @InstantField({ description: 'Slot start to (instant with offset)', example: '2027-03-04T00:00:00+01:00', required: false })
  to?: string;
}

@ApiTags('jobs and alerts')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @ApiOperation({ summary: 'Gap alerts: admin, or a coordinator for its regions' })
  @ApiOkResponse({ type: [AlertResponse] })
  @Get('alerts')
  @Roles('coordinator')
  list(@CurrentPrincipal() who: Principal, @Query() q: ListAlertsQuery) {
    return this.alerts.alertsFor(who, q);
  }
}
