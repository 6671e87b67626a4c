import { ApiProperty } from '@nestjs/swagger';

/** The answer of GET /health: 200 ok/up, or 503 error/down. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'], example: 'up' }) database: 'up' | 'down';
}
