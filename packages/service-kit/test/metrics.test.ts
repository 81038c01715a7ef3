import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './test-app.js';

describe('metrics', () => {
  it('when requests are served, then /metrics counts them by route pattern and status', async () => {
    const { app } = buildTestApp();
    await request(app).post('/greetings').send({ name: 'ada' });
    await request(app).get('/teapot');
    await request(app).get('/no/such/path/123');

    const res = await request(app).get('/metrics');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain(
      'http_server_request_duration_seconds_count{service="kit-test",method="POST",route="/greetings",status_code="201"} 1',
    );
    expect(res.text).toContain(
      'http_server_request_duration_seconds_count{service="kit-test",method="GET",route="/teapot",status_code="418"} 1',
    );
    expect(res.text).toContain('route="unmatched",status_code="404"');
    expect(res.text).toContain('process_resident_memory_bytes');
  });
});
