import { readFileSync } from 'node:fs';

type Env = Record<string, string | undefined>;

/**
 * Fills each NAME from NAME_FILE, the path of a file that holds its value: how a mounted
 * Kubernetes Secret reaches a process without ever being in its environment. It is the
 * convention of the official database images, and like theirs, NAME and NAME_FILE are
 * exclusive and trailing newlines are dropped. Each file is read once, here.
 */
export function readFileVariables(env: Env, names: readonly string[]) {
  const resolved: Env = { ...env };
  // Keyed by NAME, so the schema's own complaint about NAME can give way to the file's.
  const problems = new Map<string, string>();
  for (const name of names) {
    const fileVariable = `${name}_FILE`;
    const path = env[fileVariable];
    if (path === undefined) continue;
    if (env[name] !== undefined) {
      problems.set(name, `${fileVariable}: is set and so is ${name}; give only one`);
      continue;
    }
    try {
      const value = readFileSync(path, 'utf8').replace(/\n+$/, '');
      if (value === '') problems.set(name, `${fileVariable}: ${path} is empty`);
      else resolved[name] = value;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      problems.set(name, `${fileVariable}: cannot read ${path} (${code})`);
    }
  }
  return { env: resolved, problems };
}
