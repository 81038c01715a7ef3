import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const countRows = async () => (await request(t.app).get('/stats')).body.count as number;

describe('POST /messages with an Idempotency-Key', () => {
  it('when the same key and body are sent twice, then one message exists and both answers carry it', async () => {
    const before = await countRows();
    const key = `k-${Date.now()}-same`;

    const first = await request(t.app)
      .post('/messages')
      .set('Idempotency-Key', key)
      .send({ author: 'ada', text: 'once' });
    const second = await request(t.app)
      .post('/messages')
      .set('Idempotency-Key', key)
      .send({ text: 'once', author: 'ada' });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await countRows()).toBe(before + 1);
  });

  it('when the same key comes with a different body, then it answers 409 and keeps the original', async () => {
    const key = `k-${Date.now()}-diff`;
    const first = await request(t.app)
      .post('/messages')
      .set('Idempotency-Key', key)
      .send({ author: 'ada', text: 'first' });

    const second = await request(t.app)
      .post('/messages')
      .set('Idempotency-Key', key)
      .send({ author: 'ada', text: 'second' });

    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ type: 'urn:podtalk:problem:idempotency-key-reused' });
    expect((await request(t.app).get(`/messages/${first.body.id}`)).body.text).toBe('first');
  });

  it('when ten requests race with one key, then exactly one message is created', async () => {
    const before = await countRows();
    const key = `k-${Date.now()}-race`;
    const server = await t.listen();

    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${server.url}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ author: 'racer', text: 'one of ten' }),
        }).then(async (res) => ({
          status: res.status,
          body: (await res.json()) as { id: number },
        })),
      ),
    );
    await server.close();

    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await countRows()).toBe(before + 1);
  });

  it('when the key is not printable ASCII, then it answers 400 naming the header', async () => {
    const res = await request(t.app)
      .post('/messages')
      .set('Idempotency-Key', 'k'.repeat(256))
      .send({ author: 'a', text: 'b' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' },
    ]);
  });
});
