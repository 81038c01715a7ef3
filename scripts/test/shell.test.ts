import { describe, expect, it } from 'vitest';
import { dryRunShell, recordingShell } from '../lib/shell.js';

describe('the dry-run shell', () => {
  it('when a plan runs through it, then it prints every command in order, does the reads, and changes nothing', async () => {
    const printed: string[] = [];
    const shell = dryRunShell((line) => printed.push(line));
    let worked = false;

    const read = await shell.read(['echo', 'the cluster as it is']);
    await shell.run(['rm', '-rf', '/tmp/podtalk-never-this'], { note: 'a change' });
    await shell.work('holds a load for 30 s', () => {
      worked = true;
      return Promise.resolve();
    });
    shell.write('k8s/.deploy/x.yaml', 'content', 'what it holds');

    expect(read).toBe('the cluster as it is\n');
    expect(worked).toBe(false);
    expect(printed).toEqual([
      "echo 'the cluster as it is'",
      'rm -rf /tmp/podtalk-never-this   # a change',
      '# holds a load for 30 s',
      '# writes k8s/.deploy/x.yaml: what it holds',
    ]);
  });
});

describe('the recording shell', () => {
  it('when a read has no fixture, then the plan’s test fails naming it', async () => {
    const { shell } = recordingShell();

    await expect(shell.read(['kubectl', 'get', 'pods'])).rejects.toThrow(
      'no fixture answers: kubectl get pods',
    );
  });

  it('when a fixture matches, then the read gets its answer and the action is kept as data', async () => {
    const { shell, actions } = recordingShell([[/get pods/, 'api-0\n']]);

    const answer = await shell.read(['kubectl', 'get', 'pods']);
    await shell.run(['kubectl', 'delete', 'pod', 'api-0']);

    expect(answer).toBe('api-0\n');
    expect(actions).toEqual([
      { kind: 'read', command: ['kubectl', 'get', 'pods'] },
      { kind: 'run', command: ['kubectl', 'delete', 'pod', 'api-0'] },
    ]);
  });
});
