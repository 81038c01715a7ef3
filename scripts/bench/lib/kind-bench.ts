import { formatCommand, runOrThrow, type Command } from '../../src/lib/command.js';
import { pickLoadGenerator } from './load.js';
import { markdownList, markdownTable, type Row } from './report.js';

export interface KindBenchOptions {
  target: string;
  cluster: string;
}

export type KindStep =
  | { kind: 'kubectl'; command: Command }
  | {
      kind: 'measure';
      replicas: number;
      url: string;
      connections: number;
      warmupSec: number;
      durationSec: number;
    };

/** What `pnpm bench --target` does, in order: the same load at 1 and at 3 api replicas. */
export function kindBenchPlan({ target, cluster }: KindBenchOptions): KindStep[] {
  const kubectl: Command = ['kubectl', '--context', `kind-${cluster}`, '--namespace', 'podtalk'];
  const url = `${target.replace(/\/$/, '')}/api/messages?limit=20`;
  const scaleTo = (replicas: number): KindStep[] => [
    { kind: 'kubectl', command: [...kubectl, 'scale', 'deployment/api', `--replicas=${replicas}`] },
    {
      kind: 'kubectl',
      command: [...kubectl, 'rollout', 'status', 'deployment/api', '--timeout=180s'],
    },
  ];
  const measure = (replicas: number): KindStep => ({
    kind: 'measure',
    replicas,
    url,
    connections: 48,
    warmupSec: 5,
    durationSec: 20,
  });
  // Ends at 3 replicas, the state deploy:kind leaves.
  return [...scaleTo(1), measure(1), ...scaleTo(3), measure(3)];
}

export function describeStep(step: KindStep): string {
  return step.kind === 'kubectl'
    ? formatCommand(step.command)
    : `autocannon GET ${step.url} --connections ${step.connections} --duration ${step.durationSec}s   # at ${step.replicas} replica(s), after a ${step.warmupSec} s warm-up`;
}

export async function runKindBench(options: KindBenchOptions): Promise<void> {
  const { name, drive } = pickLoadGenerator();
  process.stdout.write(`load generator: ${name}\n`);
  const rows: Row[] = [];
  for (const step of kindBenchPlan(options)) {
    process.stdout.write(`$ ${describeStep(step)}\n`);
    if (step.kind === 'kubectl') {
      await runOrThrow(step.command);
      continue;
    }
    await drive({ url: step.url, connections: step.connections, durationSec: step.warmupSec });
    rows.push({
      target: `api × ${step.replicas} through the NodePort`,
      ...(await drive({
        url: step.url,
        connections: step.connections,
        durationSec: step.durationSec,
      })),
    });
  }
  const [one, three] = rows as [Row, Row];
  process.stdout.write(
    `\n${markdownTable(rows)}\n\n${markdownList('Ratio', [`3 replicas / 1 replica: ${(three.requestsPerSec / one.requestsPerSec).toFixed(2)} ×`])}\n`,
  );
}
