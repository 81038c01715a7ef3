import { readFileSync } from 'node:fs';
import { bindKubectl, kubectlCommand, serverSideApply, type Command } from '@podtalk/cluster-kit';
import { REPO_ROOT } from '../../lib/paths.js';
import type { Step } from '../steps.js';

// The e2e suite's probe: a pod of no podtalk component, and the script that asks one connection.
const PROBE_POD = 'e2e/manifests/network-probe.yaml';
const CONNECT = readFileSync(`${REPO_ROOT}e2e/probes/connect.sh`, 'utf8');
const NAMESPACE = 'podtalk-policy-probe';
const TARGETS = {
  api: 'api.podtalk.svc.cluster.local 80',
  'db-client': 'db-client.podtalk.svc.cluster.local 8080',
};

/** What the probe's two connections say about the cluster, in a sentence. */
export function policyVerdict(reached: { api: boolean; 'db-client': boolean }): string {
  if (!reached.api)
    return '⚠ The probe reached nothing, not even the api, so whether NetworkPolicy is enforced is unknown.';
  if (reached['db-client'])
    return (
      '⚠ This cluster does not enforce NetworkPolicy: a pod that no policy allows reached db-client, ' +
      'which only the api may reach. podtalk’s policies are stored and ignored here, so its security ' +
      'claims (docs/security.md) do not hold. Use a CNI that enforces them.'
    );
  return '✓ NetworkPolicy is enforced: a pod that no policy allows reached the api and not db-client.';
}

/**
 * No API says whether a cluster enforces NetworkPolicy, so a real connection asks: a pod in a
 * namespace of its own, where no policy governs it, tries db-client and the api.
 */
export const policyProbeStep = (context: string): Step => ({
  title: 'Does this cluster enforce NetworkPolicy? A pod that no policy allows tries db-client',
  async run(shell) {
    const kubectl = kubectlCommand(context);
    const inProbe: Command = [...kubectl, '--namespace', NAMESPACE];
    // The last deploy deleted the namespace without waiting. A deploy right after it would put
    // its probe into the namespace as it goes, and lose the pod with it.
    await shell.run(
      [...kubectl, 'wait', '--for=delete', `namespace/${NAMESPACE}`, '--timeout=120s'],
      { note: 'until the last deploy’s probe namespace is gone; at once if there is none' },
    );
    await shell.run([...serverSideApply(kubectl), '--filename', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } }),
      note: `namespace ${NAMESPACE}, which no policy governs`,
    });
    try {
      await shell.run([...inProbe, 'apply', '--filename', PROBE_POD]);
      await shell.run([
        ...inProbe,
        'wait',
        'pod/network-probe',
        '--for=condition=Ready',
        '--timeout=120s',
      ]);
      await shell.work(
        'connects from the probe to db-client:8080 and to the api:80 (e2e/probes/connect.sh)',
        async () => {
          const probe = bindKubectl(context, NAMESPACE);
          const connect = async (target: string) =>
            (
              await probe.run(
                ['exec', '--stdin', 'network-probe', '--', 'bash', '-s', ...target.split(' ')],
                { input: CONNECT },
              )
            ).trim() === 'open';
          shell.log(
            policyVerdict({
              api: await connect(TARGETS.api),
              'db-client': await connect(TARGETS['db-client']),
            }),
          );
        },
      );
    } finally {
      await shell.run([
        ...kubectl,
        'delete',
        'namespace',
        NAMESPACE,
        '--ignore-not-found',
        '--wait=false',
      ]);
    }
  },
});
