import type { Shell } from '../lib/shell.js';

/** One step of a deploy: every command it runs goes through the shell it is given. */
export interface Step {
  title: string;
  run(shell: Shell): Promise<void>;
}

/** Runs the steps in order, each under its numbered title, and says how long each took. */
export async function runSteps(
  steps: readonly Step[],
  shell: Shell,
): Promise<{ title: string; ms: number }[]> {
  const timings = [];
  for (const [i, step] of steps.entries()) {
    shell.heading(`${i + 1}. ${step.title}`);
    const started = performance.now();
    await step.run(shell);
    timings.push({ title: step.title, ms: performance.now() - started });
  }
  return timings;
}
