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

  it('when any route answers, then X-Served-By names the pod', async () => {
    const { app } = buildTestApp();

    const ok = await request(app).get('/healthz');
    const notFound = await request(app).get('/missing');

    expect(ok.headers['x-served-by']).toBe('pod-a');
    expect(notFound.headers['x-served-by']).toBe('pod-a');
  });
});
