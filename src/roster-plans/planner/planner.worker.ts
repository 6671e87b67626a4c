import { constants, setPriority } from 'node:os';
import { planRoster, type Plan, type PlannerInput } from './planner.js';

/**
 * The planner's worker thread: a plan is pure CPU work of up to tens of seconds, so it runs here,
 * off the event loop that answers requests. The input and the plan cross by structured clone.
 *
 * On Linux a thread has a nice value of its own, and setting the calling thread's (pid 0) lowers
 * this thread only: on a busy machine the thread that answers requests then goes first and the
 * plan takes the time left over. (Elsewhere the call would lower the whole process, so it is made
 * on Linux only.)
 */
if (process.platform === 'linux') {
  try {
    setPriority(0, constants.priority.PRIORITY_LOW);
  } catch {
    // Not allowed here: the plan runs at the process's priority.
  }
}

export default function plan(input: PlannerInput): Plan {
  return planRoster(input);
}
