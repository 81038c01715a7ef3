import { kubectlCommand } from '@podtalk/cluster-kit';
import type { INodeList } from 'kubernetes-models/v1/NodeList';
import { NAMESPACE } from '../kube/manifests.js';
import { platformsOf } from './platforms.js';
import { TOOLS } from './preflight.js';
import { newDeployState } from './state.js';
import type { Step } from './steps.js';
import { applyStep } from './steps/apply.js';
import { clusterChecksStep } from './steps/cluster-checks.js';
import { buildStep, pushStep } from './steps/images.js';
import { namespaceStep } from './steps/namespace.js';
import { policyProbeStep } from './steps/policy-probe.js';
import { rolloutsStep } from './steps/rollouts.js';
import { toolsStep } from './steps/tools.js';

export interface ClusterDeployOptions {
  context: string;
  registry: string;
}

/** pnpm deploy:cluster, step by step: checks, images for the nodes' platforms, the manifests. */
export function clusterDeploySteps({ context, registry }: ClusterDeployOptions): Step[] {
  const state = newDeployState();
  const kubectl = kubectlCommand(context);
  return [
    toolsStep(
      TOOLS.filter((tool) => !tool.kindOnly),
      state,
    ),
    clusterChecksStep({ context, registry }),
    buildStep(
      {
        registry,
        platforms: async (shell) =>
          platformsOf(
            JSON.parse(
              await shell.read([...kubectl, 'get', 'nodes', '--output', 'json']),
            ) as INodeList,
          ),
      },
      state,
    ),
    pushStep(registry, state),
    namespaceStep(kubectl, state),
    applyStep(kubectl, 'cluster', state),
    rolloutsStep(kubectlCommand(context, NAMESPACE), [
      '',
      `✓ podtalk is running on ${context}.`,
      `  kubectl --context ${context} -n podtalk get service api   # its EXTERNAL-IP serves the page`,
      `  pnpm test:e2e --context ${context} --any-cluster           # the portable scenarios`,
    ]),
    policyProbeStep(context),
  ];
}
