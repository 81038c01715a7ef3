import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLogger, listen, portOf, shutdown } from '../src/index.js';
import { buildTestApp } from './test-app.js';
import { captureLogs } from './log-capture.js';

const silent = createLogger({
  service: 't',
  pod: 'p',
  level: 'silent',
  destination: captureLogs().stream,
});

/** Waits until shutdown has stopped the listener (server.close() was called). */
async function untilNotListening(server: Server) {
  while (server.listening) await new Promise((resolve) => setImmediate(resolve));
}

describe('graceful shutdown', () => {
  it('when shutdown starts, then readiness turns 503 at once while requests are still served during the delay', async () => {
    const { app, readiness } = buildTestApp();
    readiness.setReady(true);
    const server = await listen(app, 0);
    const base = `http://127.0.0.1:${portOf(server)}`;

    const done = shutdown({
      servers: [server],
      readiness,
      logger: silent,
      delayMs: 300,
      timeoutMs: 5_000,
    });
    const ready = await fetch(`${base}/readyz`);
    const live = await fetch(`${base}/healthz`);

    expect(ready.status).toBe(503);
    expect(live.status).toBe(200);
    expect(live.headers.get('connection')).toBe('close');
    await expect(done).resolves.toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('when a request is in flight, then shutdown waits for it and then closes resources', async () => {
    let release!: () => void;
    let arrived!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (arrived = resolve));
    let responseFinished = false;
    const { app, readiness } = buildTestApp({}, (app) => {
      app.get('/slow', async (_req, res) => {
        res.on('finish', () => (responseFinished = true));
        arrived();
        await new Promise<void>((resolve) => (release = resolve));
        res.json({ finished: true });
      });
    });
    const server = await listen(app, 0);
    const inFlight = fetch(`http://127.0.0.1:${portOf(server)}/slow`);
    await handlerStarted;
    let closedAfterResponse: boolean | undefined;

    const done = shutdown({
      servers: [server],
      readiness,
      logger: silent,
      delayMs: 0,
      timeoutMs: 5_000,
      onClose: () => Promise.resolve(void (closedAfterResponse = responseFinished)),
    });
    await untilNotListening(server);
    release();

    expect(await (await inFlight).json()).toEqual({ finished: true });
    await expect(done).resolves.toBe(0);
    expect(closedAfterResponse).toBe(true);
  });

  it('when a request outlives the timeout, then the process is told to exit 1', async () => {
    let arrived!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (arrived = resolve));
    const { app, readiness } = buildTestApp({}, (app) => {
      app.get('/stuck', () => {
        arrived();
        return new Promise(() => undefined);
      });
    });
    const server = await listen(app, 0);
    void fetch(`http://127.0.0.1:${portOf(server)}/stuck`).catch(() => undefined);
    await handlerStarted;

    const exitCode = await new Promise<number>((resolve) => {
      void shutdown({
        servers: [server],
        readiness,
        logger: silent,
        delayMs: 0,
        timeoutMs: 200,
        exit: resolve,
      });
    });

    expect(exitCode).toBe(1);
  });
});
