import { ApiProperty } from '@nestjs/swagger';
import type { WorkerStatus } from './worker-state.js';

const STATUSES: WorkerStatus[] = ['ok', 'failing', 'stalled', 'not-run'];

/** A background worker and how it stands, filled by workerView. */
export class WorkerResponse {
  @ApiProperty({ description: 'The worker: a job of GET /api/job-runs, or a ticker', example: 'escalate-requests' })
  name: string;
  @ApiProperty({
    description: 'cron: a scheduled job, run once across instances; ticker: runs every few seconds in each instance that runs jobs',
    enum: ['cron', 'ticker'],
  })
  kind: 'cron' | 'ticker';
  @ApiProperty({ description: 'The cron schedule in Europe/Amsterdam (cron jobs), else null', example: '0 * * * *', nullable: true, type: String })
  cron: string | null;
  @ApiProperty({ description: 'Seconds between the end of one run and the start of the next (tickers), else null', example: 2, nullable: true, type: Number })
  everySeconds: number | null;
  @ApiProperty({ description: "The version of this instance's code for the worker", example: 1 })
  version: number;
  @ApiProperty({
    description: 'The version the database records; only instances of that version run the worker (a newer instance raises it when it starts)',
    example: 1,
    nullable: true,
    type: Number,
  })
  databaseVersion: number | null;
  @ApiProperty({ description: 'Whether this instance runs the worker: RUN_JOBS is true and its version is the one the database records' })
  runsHere: boolean;
  @ApiProperty({
    description:
      'Across all instances. Ticker: ok when a run finished without error in the last 30 s, failing when runs finish with errors, stalled when none finished (no instance runs it, or its runs hang), not-run when none ever did. Cron job: by its newest finished run (failed: failing; ok or skipped: ok), not-run without one',
    enum: STATUSES,
    example: 'ok',
  })
  status: WorkerStatus;
  @ApiProperty({
    description: 'End of the newest finished run on any instance (tickers: its heartbeat, written at most every 10 s while nothing changes)',
    nullable: true,
    type: String,
    example: '2026-11-23T10:00:02+01:00',
  })
  lastRunAt: string | null;
  @ApiProperty({ description: 'End of the newest run without error', nullable: true, type: String, example: '2026-11-23T10:00:02+01:00' })
  lastOkAt: string | null;
  @ApiProperty({ description: "A ticker's newest error message (at most 200 characters), else null", nullable: true, type: String, example: null })
  lastError: string | null;
  @ApiProperty({ description: "A cron job's next scheduled start, else null", nullable: true, type: String, example: '2026-11-23T11:00:00+01:00' })
  nextRunAt: string | null;
}

/** GET /health/workers, filled by JobsService.tickersHealth. */
export class WorkersHealthResponse {
  @ApiProperty({ description: 'ok when every ticker is ok, else error (the answer is then 503)', enum: ['ok', 'error'], example: 'ok' })
  status: 'ok' | 'error';
  @ApiProperty({
    description: 'Each ticker and its status (ok, failing, stalled, not-run), as in GET /api/workers',
    example: { 'escalate-requests': 'ok', 'deliver-webhooks': 'ok' },
    type: 'object',
    additionalProperties: { type: 'string', enum: STATUSES },
  })
  workers: Record<string, string>;
}
