import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import { type Principal } from '../auth/principal.js';
import { BadInputError, ForbiddenError } from '../common/errors.js';
import { parseInstant } from '../common/local-time.js';
import { CodeField, InstantField, REGION_CODE } from '../common/validation.js';
import { JOBS, type JobName, JobsService } from './jobs.service.js';

export class TriggerJobDto {
  @ApiProperty({ description: 'The job to run now', enum: JOBS, example: 'scan-gaps' })
  @IsIn(JOBS)
  job: JobName;
}

export class ListJobRunsQuery {
  @ApiPropertyOptional({ description: 'Only runs of this job', enum: JOBS })
  @IsOptional()
  @IsIn(JOBS)
  job?: JobName;
}

export class ListAlertsQuery {
  @CodeField({ description: 'Region code', example: 'AMS', required: false }, REGION_CODE, 'a region code')
  regionCode?: string;
  @ApiPropertyOptional({ description: 'open or resolved', enum: ['open', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';
  @InstantField({ description: 'Slot start from (instant with offset)', example: '2027-03-01T00:00:00+01:00', required: false })
  from?: string;
  @InstantField({ description: 'Slot start to (instant with offset)', example: '2027-03-04T00:00:00+01:00', required: false })
  to?: string;
}

@ApiTags('jobs and alerts')
@ApiBearerAuth()
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

  @Get('job-runs')
  @Roles('admin')
  list(@Query() q: ListJobRunsQuery) {
    return this.jobs.list(q.job);
  }

  @ApiOperation({ summary: 'Gap alerts: admin, or a coordinator for its regions' })
  @Get('alerts')
  @Roles('coordinator')
  alerts(@CurrentPrincipal() who: Principal, @Query() q: ListAlertsQuery) {
    let regionCodes: string[] | null = q.regionCode ? [q.regionCode] : null;
    if (who.role === 'coordinator') {
      if (q.regionCode && !who.regionCodes.includes(q.regionCode)) throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
      regionCodes = q.regionCode ? [q.regionCode] : who.regionCodes;
    }
    const fromMs = q.from === undefined ? undefined : parseInstant(q.from) ?? undefined;
    const toMs = q.to === undefined ? undefined : parseInstant(q.to) ?? undefined;
    if (fromMs !== undefined && toMs !== undefined && toMs < fromMs) throw new BadInputError('to must not be before from');
    return this.jobs.alerts({ regionCodes, status: q.status, fromMs, toMs });
  }
}
