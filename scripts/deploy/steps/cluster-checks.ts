import { kubectlCommand } from '@podtalk/cluster-kit';
import type { IStorageClassList } from 'kubernetes-models/storage.k8s.io/v1/StorageClassList';
import { registryAnswers } from '../registry.js';
import type { Step } from '../steps.js';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const NOTHING = 'Nothing was changed.';

/**
 * What must hold before anything is built or changed: the context exists, the cluster has a
 * default StorageClass for MySQL's volume claim, and the registry answers.
 */
export const clusterChecksStep = ({
  context,
  registry,
}: {
  context: string;
  registry: string;
}): Step => ({
  title: `The cluster behind ${context}, and the registry ${registry}`,
  async run(shell) {
    const kubectl = kubectlCommand(context);
    const contexts = (await shell.read(['kubectl', 'config', 'get-contexts', '--output', 'name']))
      .split('\n')
      .filter(Boolean);
    if (!contexts.includes(context))
      throw new Error(
        `There is no kube context "${context}" (kubectl config get-contexts lists ${contexts.join(', ') || 'none'}). ${NOTHING}`,
      );
    const classes = JSON.parse(
      await shell.read([...kubectl, 'get', 'storageclasses', '--output', 'json']),
    ) as IStorageClassList;
    const fallback = classes.items.find((c) => c.metadata?.annotations?.[DEFAULT_CLASS] === 'true');
    if (!fallback)
      throw new Error(
        `The cluster behind ${context} has no default StorageClass, so MySQL's volume claim would wait forever. ` +
          `Mark one as the default (kubectl patch storageclass <name> -p '{"metadata":{"annotations":{"${DEFAULT_CLASS}":"true"}}}'), or ask your cluster's admin. ${NOTHING}`,
      );
    shell.log(`✓ default StorageClass: ${fallback.metadata?.name}`);
    if (
      !(await shell.ask(`whether a registry answers at ${registry}`, () =>
        registryAnswers(registry),
      ))
    )
      throw new Error(`No registry answers at ${registry} (GET /v2/). ${NOTHING}`);
    shell.log(`✓ a registry answers at ${registry}`);
  },
});
