import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Roles } from '../common/decorators.js';
import { Optional } from '../common/validation.js';
import { JobRunResponse } from './job-run.response.js';
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

@ApiTags('jobs')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @ApiOperation({ summary: 'Run a job now; answers with the run record once it has finished (skipped if it runs elsewhere)' })
  @ApiOkResponse({ type: JobRunResponse })
  @Post('job-runs')
  @HttpCode(200)
  @Roles('admin')
  trigger(@Body() dto: TriggerJobDto) {
    return this.jobs.run(dto.job);
  }

  @ApiOperation({ summary: 'Finished runs, newest first (a run in progress is listed once it has finished)' })
  @ApiOkResponse({ type: [JobRunResponse], description: 'At most 500' })
  @Get('job-runs')
  @Roles('admin')
  list(@Query() q: ListJobRunsQuery) {
    return this.jobs.list(q.job);
  }
}
