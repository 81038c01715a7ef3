import { describe, expect, it } from 'vitest';
import { isolatedPath } from './support/fake-tools.js';
import { runDeployScript as runScript } from './support/run-script.js';

/**
 * A stand-in docker whose daemon answers, with or without the buildx plugin, and whose
 * `DOCKER_BUILDKIT=1 docker build` works or fails (the exit codes given).
 */
const DOCKER = ({ buildx, builtin }: { buildx: number; builtin: number }) => `
case "$1" in
  version) echo 28.2.2 ;;
  buildx) exit ${buildx} ;;
  build) [ "$DOCKER_BUILDKIT" = 1 ] && exit ${builtin}; exit 9 ;;
  *) exit 3 ;;
esac`;

describe('deploy:kind preflight', () => {
  it('when the tools are all missing, then it names each with how to install it and exits 1 within seconds', async () => {
    const { PATH } = isolatedPath();

    const result = await runScript('deploy-kind.ts', [], PATH);

    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(10_000);
    expect(result.stdout).toContain(
      '✗ docker is not installed: install Docker Desktop or Docker Engine',
    );
    expect(result.stdout).toContain('✗ kind is not installed: install kind v0.29.0:');
    expect(result.stdout).toContain(
      '✗ kubectl is not installed: install kubectl v1.32, v1.33 or v1.34',
    );
    expect(result.stdout).toContain('✗ pnpm is not installed: npm install --global pnpm@10.34.8');
    expect(result.stdout).toMatch(/✓ node \d+\.\d+\.\d+/);
    expect(result.stderr.trim()).toBe(
      '✗ preflight failed: install what is missing above, then run this again',
    );
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m);
  });

  it('when docker is installed but its daemon is down, then it says so and still reports the other tools', async () => {
    const { PATH } = isolatedPath({
      docker: 'echo "Cannot connect to the Docker daemon" >&2; exit 1',
      kind: 'echo "kind v0.29.0 go1.24.2 linux/amd64"',
    });

    const result = await runScript('deploy-kind.ts', [], PATH);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '✗ docker is installed but its daemon does not answer: start Docker and retry',
    );
    expect(result.stdout).toContain('✓ kind 0.29.0');
    expect(result.stdout).toContain('✗ kubectl is not installed');
  });

  it('when docker has the buildx plugin, then the preflight says it builds with buildx', async () => {
    const { PATH } = isolatedPath({ docker: DOCKER({ buildx: 0, builtin: 1 }) });

    const result = await runScript('deploy-kind.ts', [], PATH);

    expect(result.stdout).toContain('✓ docker 28.2.2 (builds with buildx)');
  });

  it('when docker lacks buildx but builds with DOCKER_BUILDKIT=1, then the preflight picks its built-in BuildKit', async () => {
    const { PATH } = isolatedPath({ docker: DOCKER({ buildx: 1, builtin: 0 }) });

    const result = await runScript('deploy-kind.ts', [], PATH);

    expect(result.stdout).toContain('✓ docker 28.2.2 (builds with its built-in BuildKit)');
  });

  it('when docker can use BuildKit neither way, then it names the fix in one line, within seconds, before anything is built', async () => {
    const { PATH } = isolatedPath({
      docker: DOCKER({ buildx: 1, builtin: 1 }),
      kind: 'echo "kind v0.29.0"',
      kubectl: 'echo "Client Version: v1.33.1"',
    });

    const result = await runScript('deploy-kind.ts', [], PATH);

    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(10_000);
    expect(result.stdout).toContain(
      '✗ docker cannot build with BuildKit, which the Dockerfile needs (RUN --mount): install the buildx plugin: https://docs.docker.com/go/buildx/',
    );
    expect(result.stdout).not.toContain('Build the images');
  });
});
