import { serverSideApply, type Command } from '@podtalk/cluster-kit';
import { NAMESPACE } from '../../kube/manifests.js';
import { ensureMysqlSecret } from '../mysql-secret.js';
import type { DeployState } from '../state.js';
import type { Step } from '../steps.js';

/** The namespace first (the Secret lives in it), then the MySQL Secret, only if absent. */
export const namespaceStep = (kubectl: Command, state: DeployState): Step => ({
  title: 'Namespace and the MySQL Secret',
  async run(shell) {
    shell.log(
      (
        await shell.run([...serverSideApply(kubectl), '--filename', 'k8s/base/namespace.yaml'])
      ).trim(),
    );
    const secret = await ensureMysqlSecret(shell, kubectl, NAMESPACE, state);
    shell.log(
      secret === 'created'
        ? 'created Secret mysql with random passwords'
        : 'Secret mysql exists; keeping it (the data depends on it)',
    );
  },
});
