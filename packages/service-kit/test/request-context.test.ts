import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './test-app.js';

describe('request context', () => {
  it('when a caller sends X-Request-Id, then the answer and the log line carry the same id', async () => {
    const { app, logs } = buildTestApp();

    const res = await request(app)
      .post('/greetings')
      .set('X-Request-Id', 'abc-123')
      .send({ name: 'ada' });

    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(logs).toContainEqual(
      expect.objectContaining({
        msg: 'request completed',
        reqId: 'abc-123',
        service: 'kit-test',
        pod: 'pod-a',
        status: 201,
        level: 'info',
      }),
    );
  });

  it('when X-Request-Id is missing or unsafe, then a fresh UUID is used', async () => {
    const { app } = buildTestApp();

    const missing = await request(app).get('/healthz');
    const unsafe = await request(app).get('/healthz').set('X-Request-Id', 'bad id\twith spaces');

    const uuid = /^[0-9a-f-]{36}$/;
    expect(missing.headers['x-request-id']).toMatch(uuid);
    expect(unsafe.headers['x-request-id']).toMatch(uuid);
  });

  it('when a probe is served, then its access line is at debug, so probes do not bury real traffic', async () => {
    const { app, logs } = buildTestApp();

    await request(app).get('/healthz').set('X-Request-Id', 'probe-1');
    await request(app).get('/teapot').set('X-Request-Id', 'call-1');

    const access = (reqId: string) =>
      logs.find((line) => line.reqId === reqId && line.msg === 'request completed');
    expect(access('probe-1')).toMatchObject({ level: 'debug', url: '/healthz', status: 200 });
    expect(access('call-1')).toMatchObject({ level: 'info', url: '/teapot', status: 418 });
  });

  it('when a route logs through req.log, then the line carries the request id and nothing of the request', async () => {
    const { app, logs } = buildTestApp({}, (app) => {
      app.get('/note', (req, res) => {
        req.log.warn({ note: 1 }, 'noted');
        res.json({});
      });
    });

    await request(app).get('/note').set('X-Request-Id', 'note-1');

    const line = logs.find((l) => l.msg === 'noted');
    expect(line).toMatchObject({ level: 'warn', reqId: 'note-1', note: 1, service: 'kit-test' });
    expect(line).not.toHaveProperty('req');
  });

  it('when any route answers, then X-Served-By names the pod', async () => {
    const { app } = buildTestApp();

    const ok = await request(app).get('/healthz');
    const notFound = await request(app).get('/missing');

    expect(ok.headers['x-served-by']).toBe('pod-a');
    expect(notFound.headers['x-served-by']).toBe('pod-a');
  });
});
