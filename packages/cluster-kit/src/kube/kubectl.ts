import type { Command } from '../process/command.js';
import { CommandError, run, type RunResult } from '../process/run.js';

// Server-side apply under one name: the API server tracks which fields podtalk's tools own.
export const FIELD_MANAGER = 'podtalk-deploy';

// KUBECTL picks another binary: a wrapper, or a stand-in in the helpers' own tests.
const binary = () => process.env.KUBECTL ?? 'kubectl';

/** A kubectl call that names no context: `config get-contexts`, say. Never throws. */
export const kubectl = (args: readonly string[], options: KubectlOptions = {}) =>
  run([binary(), ...args], {
    timeoutMs: options.timeoutMs ?? 60_000,
    ...(options.input === undefined ? {} : { stdin: options.input }),
    ...(options.signal ? { signal: options.signal } : {}),
  });

/** kubectl's argv for one context, and a namespace when given: every call names both. */
export const kubectlCommand = (context: string, namespace?: string): Command => [
  binary(),
  '--context',
  context,
  ...(namespace ? ['--namespace', namespace] : []),
];

/**
 * Server-side apply under podtalk's field manager. The manifests are the source of truth:
 * --force-conflicts takes back a hand-made change (kubectl scale, say) as client-side apply would.
 * --validate=strict: the API server refuses a field its schema does not know, a misspelling say.
 */
export const serverSideApply = (kubectl: Command): Command => [
  ...kubectl,
  'apply',
  '--server-side',
  '--validate=strict',
  '--field-manager',
  FIELD_MANAGER,
  '--force-conflicts',
];

export interface KubectlOptions {
  timeoutMs?: number;
  input?: string;
  signal?: AbortSignal;
}

/** kubectl bound to one context and namespace, so a context switch mid-run cannot hit another cluster. */
export interface Kube {
  context: string;
  namespace: string;
  /** The argv of a call, for a plan or a shell that runs it elsewhere. */
  command(args: readonly string[]): Command;
  /** Runs a call and resolves with how it ended; never throws, never hangs (60 s by default). */
  result(args: readonly string[], options?: KubectlOptions): Promise<RunResult>;
  /** Runs a call and resolves with what it printed; throws with kubectl's own words if it failed. */
  run(args: readonly string[], options?: KubectlOptions): Promise<string>;
  /** Runs a `get` (or any call) with `--output json` and parses the answer. */
  json<T>(args: readonly string[], options?: KubectlOptions): Promise<T>;
  /** The same kubectl in another namespace. */
  inNamespace(namespace: string): Kube;
}

export function bindKubectl(context: string, namespace: string): Kube {
  const command = (args: readonly string[]) => [...kubectlCommand(context, namespace), ...args];
  const result = (args: readonly string[], options?: KubectlOptions) =>
    kubectl(command(args).slice(1), options);
  const kube: Kube = {
    context,
    namespace,
    command,
    result,
    async run(args, options) {
      const ended = await result(args, options);
      if (ended.code !== 0) throw new CommandError(command(args), ended);
      return ended.stdout;
    },
    json: async <T>(args: readonly string[], options?: KubectlOptions) =>
      JSON.parse(await kube.run([...args, '--output', 'json'], options)) as T,
    inNamespace: (other) => bindKubectl(context, other),
  };
  return kube;
}
