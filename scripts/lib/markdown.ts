/** A target a run meets or misses, with the number that decides it. */
export interface Target {
  name: string;
  ok: boolean;
  detail: string;
}

export function markdownList(title: string, items: string[]): string {
  return [`**${title}**`, '', ...items.map((item) => `- ${item}`)].join('\n');
}

export const targetLines = (targets: Target[]) =>
  targets.map((t) => `${t.ok ? '✓' : '✗'} ${t.name}: ${t.detail}`);
