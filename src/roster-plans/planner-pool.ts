import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { AppConfig } from '../config/app-config.js';
import { RuleViolationError } from '../common/errors.js';
import type { Plan, PlannerInput } from './planner/planner.js';

/** Open positions one plan may hold; more is refused at once (422 plan-too-large). */
export const MAX_PLAN_POSITIONS = 20_000;

/**
 * Runs the pure planner in worker threads (a piscina pool), so that making a plan, which can take
 * seconds of CPU, never holds up the requests this instance answers. A plan not made within
 * `PLANNER_DEADLINE_SECONDS` of its request (waiting for a free thread included) is refused with
 * 422 `plan-too-large` and its thread is stopped.
 */
@Injectable()
export class PlannerPool implements OnModuleDestroy {
  private readonly logger = new Logger(PlannerPool.name);
  private pool: Piscina<PlannerInput, Plan> | null = null;

  constructor(private readonly config: AppConfig) {}

  async plan(input: PlannerInput): Promise<Plan> {
    const positions = input.positions.reduce((sum, p) => sum + p.open, 0);
    if (positions > MAX_PLAN_POSITIONS) {
      throw tooLarge(`the period holds ${positions} open positions; a plan takes at most ${MAX_PLAN_POSITIONS}: plan a shorter period or fewer functions`);
    }
    const deadline = AbortSignal.timeout(this.config.plannerDeadlineSeconds * 1000);
    try {
      return await this.threads().run(input, { signal: deadline });
    } catch (e) {
      if (deadline.aborted) {
        throw tooLarge(`the plan could not be made within ${this.config.plannerDeadlineSeconds} s: plan a shorter period or fewer functions`);
      }
      throw e;
    }
  }

  async onModuleDestroy(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }

  private threads(): Piscina<PlannerInput, Plan> {
    if (!this.pool) {
      // Built, the worker is JavaScript beside this file; run from the TypeScript sources (the
      // tests), the thread compiles it with tsx.
      const fromSources = import.meta.url.endsWith('.ts');
      this.pool = new Piscina<PlannerInput, Plan>({
        filename: new URL(`./planner/planner.worker.${fromSources ? 'ts' : 'js'}`, import.meta.url).href,
        execArgv: fromSources ? ['--import', 'tsx'] : [],
        minThreads: 0,
        maxThreads: this.config.plannerThreads,
        idleTimeout: 60_000,
      });
      // A worker that fails outside a task (it cannot start, it runs out of memory) is logged; the
      // task it held is refused on its own, and the service goes on answering.
      this.pool.on('error', (e: unknown) => this.logger.error(`planner worker failed: ${e instanceof Error ? e.message : String(e)}`));
    }
    return this.pool;
  }
}

function tooLarge(message: string): RuleViolationError {
  return new RuleViolationError([{ rule: 'plan-too-large', message }]);
}
