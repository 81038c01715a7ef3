import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './test-app.js';

describe('health probes', () => {
  it('when the app has not finished starting, then /readyz is 503 while /healthz is 200', async () => {
    const { app } = buildTestApp();

    const ready = await request(app).get('/readyz');
    const live = await request(app).get('/healthz');

    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not ready', reason: 'not ready' });
    expect(live.status).toBe(200);
  });

  it('when marked ready and every check passes, then /readyz is 200', async () => {
    const { app, readiness } = buildTestApp({ db: () => Promise.resolve() });
    readiness.setReady(true);

    const res = await request(app).get('/readyz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
  });

  it('when a check fails, then /readyz is 503 naming the check, and /healthz stays 200', async () => {
    const { app, readiness } = buildTestApp({
      db: () => Promise.reject(new Error('connect ECONNREFUSED')),
    });
    readiness.setReady(true);

    const ready = await request(app).get('/readyz');
    const live = await request(app).get('/healthz');

    expect(ready.status).toBe(503);
    expect(ready.body.reason).toBe('db: connect ECONNREFUSED');
    expect(live.status).toBe(200);
  });

  it('when a check hangs, then /readyz answers 503 within its timeout', async () => {
    const { app, readiness } = buildTestApp({ db: () => new Promise(() => undefined) });
    readiness.setReady(true);

    const started = Date.now();
    const res = await request(app).get('/readyz');

    expect(res.status).toBe(503);
    expect(res.body.reason).toBe('db: no answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('when draining, then /readyz is 503 even if marked ready again', async () => {
    const { app, readiness } = buildTestApp();
    readiness.setReady(true);
    readiness.startDraining();
    readiness.setReady(true);

    const res = await request(app).get('/readyz');

    expect(res.status).toBe(503);
    expect(res.body.reason).toBe('shutting down');
    expect(res.headers.connection).toBe('close');
  });
});
