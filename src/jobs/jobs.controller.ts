import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AlertResponse } from '../docs/responses.js';
import { IsIn} from 'class-validator';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import { type Principal } from '../auth/principal.js';
import { CodeField, InstantField, REGION_CODE, Optional } from '../common/validation.js';
import { JOBS, type JobName, JobsService } from './jobs.service.js';

export class TriggerJobDto {
  @ApiProperty({ description: 'The job to run now', enum: JOBS, example: 'scan-gaps' })
  @IsIn(JOBS)
  job: JobName;
}

export class ListJobRunsQuery {
  @ApiPropertyOptional({ description: 'Only runs of this job', enum: JOBS })
  @Optional()
  @IsIn(JOBS)
  job?: JobName;
}

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
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @ApiOperation({ summary: 'Run a job now; answers with the run record once it has finished (skipped if it runs elsewhere)' })
  @Post('job-runs')
  @HttpCode(200)
  @Roles('admin')
  trigger(@Body() dto: TriggerJobDto) {
    return this.jobs.run(dto.job);
  }

  @ApiOperation({ summary: 'Finished runs, newest first (a run in progress is listed once it has finished)' })
  @Get('job-runs')
  @Roles('admin')
  list(@Query() q: ListJobRunsQuery) {
    return this.jobs.list(q.job);
  }

  @ApiOperation({ summary: 'Gap alerts: admin, or a coordinator for its regions' })
  @ApiOkResponse({ type: [AlertResponse] })
  @Get('alerts')
  @Roles('coordinator')
  alerts(@CurrentPrincipal() who: Principal, @Query() q: ListAlertsQuery) {
    return this.jobs.alertsFor(who, q);
  }
}
