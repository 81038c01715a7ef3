import { describe, expect, it } from 'vitest';
import { poll, servedBy, waitForRouting } from '../src/index.js';
import { targetServer } from './target-server.js';

describe('waiting for routing', () => {
  const target = targetServer();

  it('when fresh connections rotate over three pods, then servedBy counts each, one connection a request', async () => {
    let connections = 0;
    const url = await target.serve((req, res) => {
      res.setHeader('X-Served-By', `pod-${req.socket.remotePort! % 3}`);
      res.end();
    });
    target.server()?.on('connection', () => connections++);

    const counts = await servedBy(url, 30);

    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(30);
    expect(connections).toBe(30);
  });

  it('when an answer is not 2xx, then counting fails loudly instead of skewing the counts', async () => {
    const url = await target.serve((_req, res) => {
      res.statusCode = 503;
      res.end();
    });

    await expect(servedBy(url, 3)).rejects.toThrow(/HTTP 503/);
  });

  it('when a pod that should serve is not reached yet, then the wait goes on until it is', async () => {
    let asked = 0;
    const url = await target.serve((_req, res) => {
      asked++;
      // pod-b joins after the first 40 answers, as a new endpoint reaches kube-proxy late.
      res.setHeader('X-Served-By', asked > 40 && asked % 2 ? 'pod-b' : 'pod-a');
      res.end();
    });

    const reached = await waitForRouting({ url, pods: ['pod-a', 'pod-b'], timeoutMs: 10_000 });

    expect(reached).toEqual(['pod-a', 'pod-b']);
    expect(asked).toBeGreaterThan(40);
  });

  it('when new connections never reach exactly the serving pods, then it fails naming both sets', async () => {
    const url = await target.serve((_req, res) => {
      res.setHeader('X-Served-By', 'pod-old');
      res.end();
    });

    const waiting = waitForRouting({ url, pods: ['pod-new'], timeoutMs: 1_000 });

    await expect(waiting).rejects.toThrow(
      `waited 1 s for new connections to ${url} to reach exactly the serving pods: new connections reach pod-old, not pod-new`,
    );
  });

  it('when a condition never holds, then poll fails with what it awaited and the last reason', async () => {
    const waiting = poll(() => Promise.reject(new Error('2 of 3 ready')), {
      what: 'three ready pods',
      timeoutMs: 200,
      intervalMs: 50,
    });

    await expect(waiting).rejects.toThrow('waited 0.2 s for three ready pods: 2 of 3 ready');
  });
});
