import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

// 45 seeded messages that no test in this file changes; the delete test writes to its own database.
let t: TestApp;
const ids: number[] = [];

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 1; i <= 45; i++) {
    const res = await request(t.app)
      .post('/messages')
      .send({ author: 'seed', text: `message ${i}` });
    ids.push(res.body.id as number);
  }
});
afterAll(() => t.close());

const newestFirst = () => [...ids].reverse();

describe('GET /messages', () => {
  it('when no limit is given, then it returns the 20 newest and a cursor', async () => {
    const res = await request(t.app).get('/messages');

    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { id: number }) => m.id)).toEqual(newestFirst().slice(0, 20));
    expect(res.body.nextBefore).toBe(newestFirst()[19]);
  });

  it('when following nextBefore to the end, then every message appears once, newest first, and the last cursor is null', async () => {
    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;

    do {
      const query: string = before === null ? '?limit=20' : `?limit=20&before=${before}`;
      const res = await request(t.app).get(`/messages${query}`);
      seen.push(...res.body.items.map((m: { id: number }) => m.id));
      before = res.body.nextBefore;
      pages++;
    } while (before !== null);

    expect(pages).toBe(3);
    expect(seen).toEqual(newestFirst());
  });

  it('when the page size equals what is left, then nextBefore is null rather than pointing at an empty page', async () => {
    const res = await request(t.app).get(`/messages?limit=5&before=${ids[5]}`);

    expect(res.body.items).toHaveLength(5);
    expect(res.body.nextBefore).toBeNull();
  });

  it('when before is the oldest id, then the page is empty', async () => {
    const res = await request(t.app).get(`/messages?before=${ids[0]}`);

    expect(res.body).toEqual({ items: [], nextBefore: null });
  });

  it('when limit is 1 or 100, then both bounds are honoured', async () => {
    const one = await request(t.app).get('/messages?limit=1');
    const hundred = await request(t.app).get('/messages?limit=100');

    expect(one.body.items).toHaveLength(1);
    expect(one.body.nextBefore).toBe(newestFirst()[0]);
    expect(hundred.body.items).toHaveLength(45);
    expect(hundred.body.nextBefore).toBeNull();
  });

  it.each([
    ['limit=0', 'limit', 'must be an integer from 1 to 100'],
    ['limit=101', 'limit', 'must be an integer from 1 to 100'],
    ['limit=ten', 'limit', 'must be an integer from 1 to 100'],
    ['limit=1&limit=2', 'limit', 'must be an integer from 1 to 100'],
    ['before=0', 'before', 'must be a positive integer'],
    ['before=-5', 'before', 'must be a positive integer'],
    ['sort=asc', 'sort', 'is not an allowed parameter'],
  ])('when the query is %s, then it answers 400 naming %s', async (query, field, message) => {
    const res = await request(t.app).get(`/messages?${query}`);

    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ field, message });
  });
});

describe('GET and DELETE /messages/:id', () => {
  it('when the message exists, then GET returns it', async () => {
    const res = await request(t.app).get(`/messages/${ids[0]}`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ids[0], author: 'seed', text: 'message 1' });
  });

  it('when the id does not exist, then GET and DELETE answer 404 problem+json', async () => {
    const get = await request(t.app).get('/messages/999999999');
    const del = await request(t.app).delete('/messages/999999999');

    expect(get.status).toBe(404);
    expect(get.body).toMatchObject({
      type: 'urn:podtalk:problem:message-not-found',
      detail: 'No message with id 999999999',
    });
    expect(del.status).toBe(404);
  });

  it.each(['abc', '0', '-1', '1.5', '1e3', '99999999999999999999'])(
    'when the id is %s, then GET and DELETE answer 400 naming id',
    async (id) => {
      const get = await request(t.app).get(`/messages/${id}`);
      const del = await request(t.app).delete(`/messages/${id}`);

      expect(get.status).toBe(400);
      expect(get.body.errors[0].field).toBe('id');
      expect(del.status).toBe(400);
    },
  );

  it('when a message is deleted, then it answers 204, is gone, and the count drops by one', async () => {
    const own = await createTestApp();
    try {
      const kept = await request(own.app).post('/messages').send({ author: 'tmp', text: 'keep' });
      const doomed = await request(own.app).post('/messages').send({ author: 'tmp', text: 'bye' });

      const del = await request(own.app).delete(`/messages/${doomed.body.id}`);

      expect(del.status).toBe(204);
      expect(del.text).toBe('');
      expect((await request(own.app).get(`/messages/${doomed.body.id}`)).status).toBe(404);
      expect((await request(own.app).get(`/messages/${kept.body.id}`)).status).toBe(200);
      expect((await request(own.app).get('/stats')).body).toEqual({ count: 1 });
    } finally {
      await own.close();
    }
  });
});

describe('GET /stats', () => {
  it('when messages exist, then it returns their count', async () => {
    const res = await request(t.app).get('/stats');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: ids.length });
  });
});
