import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../common/api-error.dto.js';
import { Public, Roles } from '../common/decorators.js';
import { JobsService } from './jobs.service.js';
import { WorkerResponse, WorkersHealthResponse } from './worker.response.js';

@ApiTags('jobs')
@Controller()
export class WorkersController {
  constructor(private readonly jobs: JobsService) {}

  @ApiOperation({
    summary: 'The background workers (admin): cron jobs and tickers, their versions, whether they run here, and how they stand across all instances',
  })
  @ApiBearerAuth()
  @ApiErrors()
  @ApiOkResponse({ type: [WorkerResponse] })
  @Get('api/workers')
  @Roles('admin')
  list() {
    return this.jobs.workerViews();
  }

  @ApiOperation({
    summary: 'Whether the tickers run (no auth), for monitoring; not for a load balancer: an instance serves requests whatever this says',
    description:
      '200 {"status":"ok","workers":{"escalate-requests":"ok",…}} while every ticker finished a run without error in the last 30 s on some instance; 503 with status "error" and the tickers that are not ok otherwise.',
  })
  @ApiOkResponse({ type: WorkersHealthResponse })
  @ApiServiceUnavailableResponse({ type: WorkersHealthResponse, description: 'A ticker is failing, stalled or has never run' })
  @Public()
  @Get('health/workers')
  async health(@Res({ passthrough: true }) res: Response) {
    const health = await this.jobs.tickersHealth();
    if (health.status !== 'ok') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return health;
  }
}
