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
  clusterIP: ['10.96.131.52', '10.96.47.186', '10.96.208.9', '10.96.92.140', '10.96.173.25'],
  // A node's pods share its /24: the example keeps a pod on its node's range, whatever its number.
  podSubnet: ['10.244.1', '10.244.2', '10.244.0', '10.244.3'],
  podHost: Array.from({ length: 30 }, (_, i) => String(i + 4)),
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

/** A pod IP as its node's example range and the next example host in that range. */
function podIps(state: MaskState) {
  const subnet = examples(EXAMPLES.podSubnet, 'pod subnets', state);
  return (ip: string) => {
    const range = subnet(ip.split('.').slice(0, 3).join('.'));
    return `${range}.${examples(EXAMPLES.podHost, `pod IPs in ${range}`, state)(ip)}`;
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

/**
 * Output a command sorted (`| sort`) stays sorted once masked: each run of lines that were in
 * order before, and that masking changed, is sorted again. kubectl's own lists come sorted by
 * name too, so a table's rows are ordered the same way.
 */
function keepSortedRuns(raw: string[], masked: string[]): string[] {
  const out = [...masked];
  const changed = (i: number) => raw[i] !== masked[i];
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    const runGoesOn =
      i > start &&
      i < raw.length &&
      changed(i - 1) &&
      changed(i) &&
      (raw[i - 1] ?? '') <= (raw[i] ?? '');
    if (runGoesOn) continue;
    if (i - start > 1) out.splice(start, i - start, ...out.slice(start, i).sort());
    start = i;
  }
  return out;
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
    podIps(state),
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
  return realign(keepSortedRuns(output.split('\n'), masked.split('\n'))).join('\n');
}
