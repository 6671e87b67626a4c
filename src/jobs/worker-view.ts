import { formatInstant } from '../common/local-time.js';
import type { WorkerResponse, WorkersHealthResponse } from './worker.response.js';

export type WorkerView = WorkerResponse;
export type WorkersHealthView = WorkersHealthResponse;

export interface WorkerFacts extends Omit<WorkerView, 'lastRunAt' | 'lastOkAt' | 'nextRunAt'> {
  lastRunAt: number | null;
  lastOkAt: number | null;
  nextRunAt: number | null;
}

/** Instants with the offset of the zone the cron schedules are written in (Europe/Amsterdam), as the job runs are. */
export function workerView(f: WorkerFacts, zone: string): WorkerResponse {
  const at = (ms: number | null) => (ms === null ? null : formatInstant(ms, zone));
  return { ...f, lastRunAt: at(f.lastRunAt), lastOkAt: at(f.lastOkAt), nextRunAt: at(f.nextRunAt) };
}
