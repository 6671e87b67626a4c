import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/decorators.js';
import { HealthResponse } from './health.response.js';

/** The check answers within this bound even when the database hangs (a load balancer waits no longer). */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @ApiOperation({
    summary: 'Liveness and database reachability; no auth',
    description: `200 {"status":"ok","database":"up"}; 503 {"status":"error","database":"down"} when the database does not answer \`SELECT 1\` within ${HEALTH_CHECK_TIMEOUT_MS} ms.`,
  })
  @ApiOkResponse({ type: HealthResponse, description: 'The service can serve' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The database does not answer (Retry-After: 5)' })
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    if (await this.databaseAnswers()) return { status: 'ok', database: 'up' };
    res.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', '5');
    return { status: 'error', database: 'down' };
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), HEALTH_CHECK_TIMEOUT_MS);
    });
    const check = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([check, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
