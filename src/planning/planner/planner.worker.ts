import { planRoster, type Plan, type PlannerInput } from './planner.js';

/**
 * The planner's worker thread: a plan is pure CPU work of up to tens of seconds, so it runs here,
 * off the event loop that answers requests. The input and the plan cross by structured clone.
 */
export default function plan(input: PlannerInput): Plan {
  return planRoster(input);
}
