/*
 * A walkthrough command prints what this cluster named or numbered afresh: pod names, IPs, ages,
 * the worker a pod landed on. Masking turns each into the example the README shows, the same
 * thing always into the same example, so the README's output can be compared exactly.
 */

const POD_NAME = /\b(api|db-client)-([a-z0-9]{5,10})-([a-z0-9]{5})\b/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const WORKER = /\bpodtalk-worker2?\b/g;
// The two ClusterIPs kind always gives out: the API server's and the cluster DNS's.
const STABLE_IPS = new Set(['10.96.0.1', '10.96.0.10', '127.0.0.1']);

const EXAMPLES = {
  replicaSet: { api: ['6d8f7b9c5', '6d8f7b9c6'], 'db-client': ['58c4d7f96', '58c4d7f97'] },
  podSuffix: ['2xk9p', 'q7m4t', 'h5v8n', 'w3r6z', 'b8c2j', 'f4g7k', 'm9n2x', 'c6t3v', 'k2j8d'],
  clusterIP: ['10.96.131.52', '10.96.47.186', '10.96.208.9', '10.96.92.140'],
  podIP: [
    '10.244.1.4',
    '10.244.2.3',
    '10.244.1.5',
    '10.244.2.4',
    '10.244.1.6',
    '10.244.2.5',
    '10.244.1.7',
    '10.244.2.6',
    '10.244.1.8',
    '10.244.2.7',
  ],
  nodeIP: ['172.18.0.3', '172.18.0.4', '172.18.0.2'],
  worker: ['podtalk-worker', 'podtalk-worker2'],
};

/** What was masked so far, kind by kind: the same value keeps its example from block to block. */
export type MaskState = Record<string, [value: string, example: string][]>;

/** Maps each distinct value, in order of first appearance, to the next example of its kind. */
function examples(list: string[], kind: string, state: MaskState) {
  const seen = new Map(state[kind]);
  const remember = () => (state[kind] = [...seen]);
  remember();
  return (value: string) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    const example = list[seen.size];
    if (example === undefined) throw new Error(`more than ${list.length} ${kind} to mask`);
    seen.set(value, example);
    remember();
    return example;
  };
}

function maskIp(clusterIP: (ip: string) => string, podIP: typeof clusterIP, nodeIP: typeof podIP) {
  return (ip: string) => {
    if (STABLE_IPS.has(ip)) return ip;
    if (ip.startsWith('10.96.')) return clusterIP(ip);
    if (ip.startsWith('10.244.')) return podIP(ip);
    return nodeIP(ip);
  };
}

/** A table's rows laid out as kubectl lays them out, with one example age in an AGE column. */
function layout(rows: string[][]): string[] {
  const [header = []] = rows;
  const age = header.indexOf('AGE');
  const cells = rows.map((row, r) => row.map((cell, c) => (r > 0 && c === age ? '3m' : cell)));
  const widths = header.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  return cells.map((row) =>
    row.map((cell, c) => (c < row.length - 1 ? cell.padEnd((widths[c] ?? 0) + 3) : cell)).join(''),
  );
}

/**
 * kubectl aligns its columns to the longest value; a masked value has another length. Lines
 * that read as a table (two or more cells apart by two spaces or more, not indented) are laid
 * out again: each column as wide as its widest cell, three spaces on.
 */
function realign(lines: string[]): string[] {
  const cellsOf = (line: string) => (/^\S/.test(line) ? line.split(/ {2,}/) : []);
  const out: string[] = [];
  let table: string[][] = [];
  const flush = () => {
    out.push(...layout(table));
    table = [];
  };
  for (const line of lines) {
    const cells = cellsOf(line);
    if (cells.length < 2 || (table.length > 0 && cells.length !== table[0]?.length)) flush();
    if (cells.length >= 2) table.push(cells);
    else out.push(line);
  }
  flush();
  return out;
}

/**
 * The output with every volatile value replaced by its example, and tables aligned again.
 * `state` carries the examples given so far from one block to the next, and is updated.
 */
export function maskVolatile(output: string, state: MaskState = {}): string {
  const apps = ['api', 'db-client'] as const;
  const replicaSet = Object.fromEntries(
    apps.map((app) => [app, examples(EXAMPLES.replicaSet[app], `${app} ReplicaSets`, state)]),
  ) as Record<(typeof apps)[number], (hash: string) => string>;
  const pod = Object.fromEntries(
    apps.map((app) => [app, examples(EXAMPLES.podSuffix, `${app} pods`, state)]),
  ) as typeof replicaSet;
  const ip = maskIp(
    examples(EXAMPLES.clusterIP, 'ClusterIPs', state),
    examples(EXAMPLES.podIP, 'pod IPs', state),
    examples(EXAMPLES.nodeIP, 'node IPs', state),
  );
  const worker = examples(EXAMPLES.worker, 'workers', state);
  const masked = output
    .replace(
      POD_NAME,
      (name, app: 'api' | 'db-client', hash: string) =>
        `${app}-${replicaSet[app](hash)}-${pod[app](name)}`,
    )
    .replace(IPV4, ip)
    .replace(WORKER, worker);
  return realign(masked.split('\n')).join('\n');
}
