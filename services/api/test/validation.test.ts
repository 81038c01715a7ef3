import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, NOWHERE } from './support/test-app.js';

// db-client is unreachable here, and each test gets its own app and metrics: a 4xx with no
// upstream call counted proves the api answered without a hop.
let t: ReturnType<typeof createTestApp>;
beforeEach(() => {
  t = createTestApp(NOWHERE);
});
afterEach(() => t.close());

const upstreamCalls = async () => {
  const text = (await request(t.admin).get('/metrics')).text;
  return [...text.matchAll(/^upstream_request_duration_seconds_count\{.*\} (\d+)$/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
};

describe('the api validates before it calls db-client', () => {
  it.each([
    ['an unknown field', { author: 'a', text: 'b', extra: 1 }, 'extra', 'is not an allowed field'],
    ['a number for text', { author: 'a', text: 5 }, 'text', 'must be a string'],
    ['a missing author', { text: 'b' }, 'author', 'is required'],
    ['an empty text', { author: 'a', text: '' }, 'text', 'must not be empty'],
    [
      'a 65-character author',
      { author: 'x'.repeat(65), text: 'b' },
      'author',
      'must be at most 64 characters',
    ],
    [
      'a 1001-character text',
      { author: 'a', text: 'y'.repeat(1001) },
      'text',
      'must be at most 1000 characters',
    ],
    ['a JSON array', [], 'body', 'must be a JSON object'],
  ])(
    'when a POST has %s, then it answers 400 naming the field',
    async (_case, body, field, message) => {
      const res = await request(t.app).post('/api/messages').send(body);

      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toContainEqual({ field, message });
      expect(await upstreamCalls()).toBe(0);
    },
  );

  it.each([
    ['malformed JSON', 'application/json', '{"author":', 400],
    ['a text/plain body', 'text/plain', 'hello', 415],
    [
      'a 17 KiB body',
      'application/json',
      JSON.stringify({ author: 'a', text: 'z'.repeat(17 * 1024) }),
      413,
    ],
  ])('when a POST carries %s, then it answers %s', async (_case, type, body, status) => {
    const res = await request(t.app).post('/api/messages').set('Content-Type', type).send(body);

    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await upstreamCalls()).toBe(0);
  });

  it('when the Idempotency-Key is unusable, then it answers 400 naming the header', async () => {
    const res = await request(t.app)
      .post('/api/messages')
      .set('Idempotency-Key', 'has space')
      .send({ author: 'a', text: 'b' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' },
    ]);
    expect(await upstreamCalls()).toBe(0);
  });

  it.each([
    ['/api/messages?limit=0', 'limit'],
    ['/api/messages?limit=101', 'limit'],
    ['/api/messages?before=x', 'before'],
    ['/api/messages?page=2', 'page'],
    ['/api/messages/0', 'id'],
    ['/api/messages/abc', 'id'],
    ['/api/messages/-3', 'id'],
  ])('when GET %s, then it answers 400 naming %s', async (path, field) => {
    const res = await request(t.app).get(path);

    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe(field);
    expect(await upstreamCalls()).toBe(0);
  });

  it('when DELETE has a bad id, then it answers 400 without calling db-client', async () => {
    expect((await request(t.app).delete('/api/messages/1.5')).status).toBe(400);
    expect(await upstreamCalls()).toBe(0);
  });

  it('when a request is valid, then it does go to db-client (here unreachable: 503)', async () => {
    const valid = await request(t.app).post('/api/messages').send({ author: 'a', text: 'b' });

    expect(valid.status).toBe(503);
    expect(await upstreamCalls()).toBe(1);
  });
});
