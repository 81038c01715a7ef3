import { bindKubectl, formatCommand } from '@podtalk/cluster-kit';
import { settle } from './settle.js';
import { runUndo, type Undo } from './undo.js';

/**
 * Takes back what the journal still holds, newest first, and says what it did: after a Ctrl-C,
 * or a scenario that failed before it could undo its change. Resolves with whether all of it
 * was taken back; what could not be names the command to run by hand.
 */
export async function takeBack(undos: Undo[], say: (line: string) => void): Promise<boolean> {
  let failed = 0;
  for (const undo of undos) {
    const how =
      'command' in undo
        ? formatCommand(undo.command)
        : `every rollout done${undo.settle.respread ? ', pods spread over the workers' : ''}`;
    say(`[e2e] taking back: ${undo.what} (${how})`);
    try {
      if ('command' in undo) await runUndo(undo.command);
      else
        await settle(bindKubectl(undo.settle.context, 'podtalk'), {
          respread: undo.settle.respread,
        });
    } catch (error) {
      failed += 1;
      say(`[e2e] ✗ could not: ${(error as Error).message}\n      by hand: ${how}`);
    }
  }
  if (undos.length > 0)
    say(
      failed === 0
        ? `[e2e] ✓ took back ${undos.length} change${undos.length === 1 ? '' : 's'}: the cluster is as the suite found it`
        : `[e2e] ✗ ${failed} of ${undos.length} changes are still in the cluster; see above`,
    );
  return failed === 0;
}
