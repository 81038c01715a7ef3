import { kubectlCommand } from '@podtalk/cluster-kit';
import { NAMESPACE } from '../kube/manifests.js';
import { dockerPlatform } from './platforms.js';
import { TOOLS } from './preflight.js';
import { newDeployState } from './state.js';
import type { Step } from './steps.js';
import { applyStep } from './steps/apply.js';
import { buildStep, pushStep } from './steps/images.js';
import { kindClusterStep } from './steps/kind-cluster.js';
import { KIND_REGISTRY, kindRegistryStep } from './steps/kind-registry.js';
import { namespaceStep } from './steps/namespace.js';
import { rolloutsStep } from './steps/rollouts.js';
import { toolsStep } from './steps/tools.js';

export const APP_URL = 'http://localhost:30080';

export interface KindDeployOptions {
  cluster: string;
  /** The node image for every node when this deploy creates the cluster. */
  nodeImage: string | undefined;
}

/** pnpm deploy:kind, step by step: the cluster, its registry, the images, the manifests. */
export function kindDeploySteps({ cluster, nodeImage }: KindDeployOptions): Step[] {
  const state = newDeployState();
  const context = `kind-${cluster}`;
  const kubectl = kubectlCommand(context);
  return [
    toolsStep(TOOLS, state),
    kindClusterStep({ cluster, nodeImage }, state),
    kindRegistryStep(cluster),
    buildStep(
      {
        registry: KIND_REGISTRY,
        platforms: async (shell) => [
          dockerPlatform(await shell.read(['docker', 'version', '--format', '{{.Server.Arch}}'])),
        ],
      },
      state,
    ),
    pushStep(KIND_REGISTRY, state),
    namespaceStep(kubectl, state),
    applyStep(kubectl, 'kind', state),
    rolloutsStep(kubectlCommand(context, NAMESPACE), [
      '',
      `✓ podtalk is running: ${APP_URL}`,
      '',
      'Try:',
      `  curl -s ${APP_URL}/api/whoami                      # which api pod answered`,
      `  kubectl --context ${context} -n podtalk get pods -o wide`,
      `  kubectl --context ${context} -n podtalk get endpointslices -l kubernetes.io/service-name=api`,
      '  pnpm test:e2e                                   # prove every claim on this cluster',
    ]),
  ];
}
