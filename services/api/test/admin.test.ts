import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, NOWHERE } from './support/test-app.js';

const t = createTestApp(NOWHERE);
afterAll(() => t.close());

describe('the admin port', () => {
  it('when an operator switches readiness off and on, then /readyz follows', async () => {
    const off = await request(t.admin).post('/admin/ready').send({ ready: false });
    const whileOff = await request(t.app).get('/readyz');
    const on = await request(t.admin).post('/admin/ready').send({ ready: true });
    const whileOn = await request(t.app).get('/readyz');

    expect(off.body).toEqual({ ready: false });
    expect(whileOff.status).toBe(503);
    expect((await request(t.app).get('/healthz')).status).toBe(200);
    expect(on.body).toEqual({ ready: true });
    expect(whileOn.status).toBe(200);
  });

  it('when the switch gets no boolean, then it answers 400 and readiness is unchanged', async () => {
    const res = await request(t.admin).post('/admin/ready').send({ ready: 'no' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'ready', message: 'must be true or false' }]);
    expect((await request(t.admin).get('/admin/ready')).body).toEqual({ ready: true });
  });

  it('when /metrics is asked, then the admin port serves it and the public port does not', async () => {
    const admin = await request(t.admin).get('/metrics');
    const publicPort = await request(t.app).get('/metrics');

    expect(admin.status).toBe(200);
    expect(admin.text).toContain('# TYPE upstream_request_duration_seconds histogram');
    expect(admin.text).toContain('# TYPE http_server_request_duration_seconds histogram');
    expect(publicPort.status).toBe(404);
  });
});
