import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../src/index.js';

let target: Server;
let proxy: TcpProxy;

async function startTarget() {
  target = createServer((_req, res) => res.end('pong'));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  return (target.address() as AddressInfo).port;
}

afterEach(async () => {
  await proxy.close();
  target.close();
});

describe('tcp proxy', () => {
  it('when open, then traffic passes through to the target', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: await startTarget() });

    const res = await fetch(`http://127.0.0.1:${proxy.port}/`);

    expect(await res.text()).toBe('pong');
  });

  it('when cut, then connections are refused; when restored, then the same port works again', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: await startTarget() });
    const port = proxy.port;

    await proxy.cut();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    await proxy.restore();

    expect(proxy.port).toBe(port);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('pong');
  });

  it('when delayed, then answers arrive no sooner than the delay', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: await startTarget() });
    proxy.setDelay(300);

    const started = Date.now();
    await (await fetch(`http://127.0.0.1:${proxy.port}/`)).text();

    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('tcp proxy losing answers', () => {
  it('when told to lose the next answer, then the request reaches the target, the client gets a reset, and the next one passes', async () => {
    let served = 0;
    target = createServer((_req, res) => res.end(`answer ${++served}`));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    proxy = await startTcpProxy({
      host: '127.0.0.1',
      port: (target.address() as AddressInfo).port,
    });

    proxy.loseNextAnswers(1);
    const lost = fetch(`http://127.0.0.1:${proxy.port}/`);

    await expect(lost).rejects.toThrow();
    expect(served).toBe(1);
    expect(await (await fetch(`http://127.0.0.1:${proxy.port}/`)).text()).toBe('answer 2');
  });
});

describe('tcp proxy, frozen', () => {
  it('when frozen, then requests on open and new connections get no answer; once thawed, a new connection works', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: await startTarget() });
    const url = `http://127.0.0.1:${proxy.port}/`;
    const [pooled, fresh] = [new Agent({ connections: 1 }), new Agent()];
    const unanswered = (dispatcher: Agent) =>
      request(url, { dispatcher, signal: AbortSignal.timeout(300) });
    try {
      // One open connection, idle in the pool.
      await (await request(url, { dispatcher: pooled })).body.text();

      proxy.freeze();
      const [onOpen, onNew] = [unanswered(pooled), unanswered(fresh)];
      await expect(onOpen).rejects.toThrow(/aborted/);
      await expect(onNew).rejects.toThrow(/aborted/);

      proxy.thaw();
      expect(await (await fetch(url)).text()).toBe('pong');
    } finally {
      await Promise.all([pooled.destroy(), fresh.destroy()]);
    }
  });
});
