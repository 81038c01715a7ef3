import type { Shell } from '../../lib/shell.js';
import { preflight, type Tool } from '../preflight.js';
import type { DeployState } from '../state.js';
import type { Step } from '../steps.js';

/** Every tool the deploy needs, checked first: one run names all that is missing or too old. */
export const toolsStep = (tools: Tool[], state: DeployState): Step => ({
  title: 'Preflight: every tool this deploy needs',
  async run(shell: Shell) {
    const result = await preflight(tools, (command, input) => shell.probe(command, input));
    result.lines.forEach((line) => shell.log(line));
    if (!result.ok || !result.builder)
      throw new Error('preflight failed: install what is missing above, then run this again');
    state.builder = result.builder;
  },
});
