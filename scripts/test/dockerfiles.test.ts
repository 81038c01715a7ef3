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

describe('services/Dockerfile, one recipe for both services', () => {
  const { stages } = parseDockerfile(readRepoFile('services/Dockerfile'));
  const [build, runtime] = [stages[0]!, stages.at(-1)!];
  const starts = runtime.instructions.filter((line) => /^(ENTRYPOINT|CMD) /.test(line));

  it('when it names base images, then each is pinned to an exact Node release, never latest', () => {
    for (const stage of stages)
      expect(stage.from).toMatch(/^node:\d+\.\d+\.\d+-(slim|bookworm-slim|trixie-slim)$/);
  });

  it('when it builds, then it is multi-stage, with the pinned pnpm, the frozen lockfile, cache mounts and pnpm deploy --prod of the SERVICE asked for', () => {
    const steps = build.instructions.join('\n');

    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(steps).toContain(`pnpm@${packageManager.split('@')[1]}`);
    expect(steps).toMatch(/--mount=type=cache/);
    expect(steps).toMatch(/--frozen-lockfile/);
    expect(steps).toMatch(/--filter "@podtalk\/\$\{SERVICE\}" deploy --prod/);
  });

  it('when the code changes, then only its own layer does: dependencies are installed from the manifests before any source is copied', () => {
    const install = build.instructions.findIndex((line) => line.includes('pnpm install'));
    const firstSource = build.instructions.findIndex((line) =>
      /^COPY (packages|services)\/\S+\/ /.test(line),
    );
    const copies = runtime.instructions.filter((line) => line.startsWith('COPY --from=build'));

    expect(install).toBeGreaterThan(0);
    expect(firstSource).toBeGreaterThan(install);
    expect(copies).toEqual([
      'COPY --from=build /deploy/node_modules ./node_modules',
      'COPY --from=build /app ./',
    ]);
  });

  it.each(['api', 'db-client'])(
    'when %s runs, then its user is numeric, non-root and the uid its manifest runs as',
    (service) => {
      const user = runtime.instructions.filter((line) => line.startsWith('USER ')).at(-1);
      const manifestUid = Number(podSpecOf(find('Deployment', service)).securityContext?.runAsUser);

      expect(user).toMatch(/^USER \d+:\d+$/);
      expect(Number(/^USER (\d+):/.exec(user ?? '')?.[1])).toBe(manifestUid);
      expect(manifestUid).toBeGreaterThan(0);
    },
  );

  it('when it starts, then node itself runs dist/main.js after OpenTelemetry’s documented ESM preload, with no engine flags, so SIGTERM reaches the app', () => {
    expect(starts).toEqual([
      'ENTRYPOINT ["node", "--disable-warning=ExperimentalWarning", "--experimental-loader=@opentelemetry/instrumentation/hook.mjs", "--import", "./dist/telemetry.js", "dist/main.js"]',
    ]);
    expect(runtime.instructions.join('\n')).not.toContain('NODE_OPTIONS');
  });

  it('when it ships, then the runtime stage removes the package managers', () => {
    expect(runtime.instructions.join('\n')).toMatch(/rm -rf .*\/usr\/local\/bin\/npm/);
  });
});

describe('.dockerignore', () => {
  it('when the context is sent, then only what the images are built from goes: nothing of docs, tests, scripts or results', () => {
    const lines = readRepoFile('.dockerignore')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));

    expect(lines[0]).toBe('*');
    expect(lines.filter((line) => line.startsWith('!'))).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^!(docs|e2e|scripts|k8s|\.git)/)]),
    );
    expect(lines).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '**/test']));
  });
});
