import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
