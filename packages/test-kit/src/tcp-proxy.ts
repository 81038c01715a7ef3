import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops every open connection and refuses new ones, like a dead node. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  /** Holds every byte coming back from the target for `ms`, like a slow dependency. */
  setDelay(ms: number): void;
  /**
   * Loses the next `count` answers: open connections are closed, and on the next `count`
   * new ones the request reaches the target but its answer is replaced by a TCP reset,
   * like a pod that died after doing the work.
   */
  loseNextAnswers(count: number): void;
  /**
   * Every connection, open or new, stops carrying bytes either way without closing: a frozen
   * node, whose kernel still holds its sockets and accepts new ones. Which connection a client
   * picks then makes no difference.
   */
  freeze(): void;
  /**
   * New connections pass again; those frozen stay frozen, as connections to a frozen pod do
   * once kube-proxy sends new ones to another.
   */
  thaw(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a real server, for cutting or slowing a real connection in tests.
 * Hand-written: tests need to cut, slow and reset one real TCP path on demand, in-process;
 * Toxiproxy does this as a separate server to install and drive.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const frozen = new WeakSet<Socket>();
  let freezing = false;
  let delayMs = 0;
  let answersToLose = 0;
  let server: Server | undefined;
  let port = 0;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const onConnection = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    track(client);
    if (freezing) frozen.add(client);
    track(upstream);
    client.on('close', () => upstream.destroy());
    // After any delayed bytes went out, as a slow network would deliver them before the close.
    upstream.on('close', () => setTimeout(() => client.end(), delayMs));
    client.on('data', (chunk: Buffer) => {
      if (!frozen.has(client)) upstream.write(chunk);
    });
    const loseAnswer = answersToLose > 0;
    if (loseAnswer) answersToLose--;
    upstream.on('data', (chunk: Buffer) => {
      if (frozen.has(client)) return;
      if (loseAnswer) client.resetAndDestroy();
      else if (delayMs === 0) client.write(chunk);
      else setTimeout(() => client.write(chunk), delayMs);
    });
  };

  const listen = async () => {
    const next = createServer(onConnection);
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  };

  const stopListening = async () => {
    const current = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await listen();
  return {
    get port() {
      return port;
    },
    cut: stopListening,
    restore: listen,
    setDelay(ms) {
      delayMs = ms;
    },
    loseNextAnswers(count) {
      answersToLose = count;
      for (const socket of sockets) socket.destroy();
    },
    freeze() {
      freezing = true;
      for (const socket of sockets) frozen.add(socket);
    },
    thaw() {
      freezing = false;
    },
    close: stopListening,
  };
}
