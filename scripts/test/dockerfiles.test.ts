import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../kube/manifests.js';
import { find, podSpecOf } from './support/rendered.js';

interface Stage {
  from: string;
  instructions: string[];
}

/** Splits a Dockerfile into stages, resolving ARG defaults in FROM lines. */
function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const value = rest.join(' ');
    if (instruction === 'ARG' && stages.length === 0) {
      const [name = '', defaultValue = ''] = value.split('=');
      args[name] = defaultValue;
    } else if (instruction === 'FROM') {
      const image = value
        .split(/\s+/)[0]!
        .replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? '');
      stages.push({ from: image, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(line);
    }
  }
  return { args, stages };
}

const packageManager = (JSON.parse(readRepoFile('package.json')) as { packageManager: string })
  .packageManager;

describe.each(['api', 'db-client'])('services/%s/Dockerfile', (service) => {
  const dockerfile = readRepoFile(`services/${service}/Dockerfile`);
  const { stages } = parseDockerfile(dockerfile);
  const runtime = stages.at(-1)!;
  const starts = runtime.instructions.filter((line) => /^(ENTRYPOINT|CMD) /.test(line));
  /** The one start instruction, as the argv it runs. */
  const entrypoint = () => {
    expect(starts).toHaveLength(1);
    return JSON.parse(starts[0]!.replace(/^ENTRYPOINT /, '')) as string[];
  };

  it('when it names base images, then each is pinned to an exact Node release, never latest', () => {
    for (const stage of stages)
      expect(stage.from).toMatch(/^node:\d+\.\d+\.\d+-(slim|bookworm-slim|trixie-slim)$/);
  });

  it('when it builds, then it is multi-stage with the frozen lockfile, cache mounts and pnpm deploy --prod', () => {
    const build = stages[0]!.instructions.join('\n');

    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build).toContain(`pnpm@${packageManager.split('@')[1]}`);
    expect(build).toMatch(/--mount=type=cache/);
    expect(build).toMatch(/--frozen-lockfile/);
    expect(build).toMatch(new RegExp(`--filter @podtalk/${service} deploy --prod`));
  });

  it('when it runs, then the user is numeric, non-root and the same uid the manifests run as', () => {
    const user = runtime.instructions.filter((line) => line.startsWith('USER ')).at(-1);
    const manifestUid = Number(podSpecOf(find('Deployment', service)).securityContext?.runAsUser);

    expect(user).toMatch(/^USER \d+:\d+$/);
    expect(Number(/^USER (\d+):/.exec(user ?? '')?.[1])).toBe(manifestUid);
    expect(manifestUid).toBeGreaterThan(0);
  });

  it('when it starts, then node itself runs dist/main.js, with no engine flags, so SIGTERM reaches the app', () => {
    expect(entrypoint()).toEqual(['node', 'dist/main.js']);
    expect(runtime.instructions.join('\n')).not.toContain('NODE_OPTIONS');
  });

  it('when it ships, then the runtime stage removes the package managers', () => {
    expect(runtime.instructions.join('\n')).toMatch(/rm -rf .*\/usr\/local\/bin\/npm/);
  });
});

describe('.dockerignore', () => {
  it('when the context is sent, then node_modules, build output and git history stay out', () => {
    const ignored = readRepoFile('.dockerignore').split('\n');

    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});
