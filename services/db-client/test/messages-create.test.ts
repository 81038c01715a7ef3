import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

const countRows = async () => (await request(t.app).get('/stats')).body.count as number;

describe('POST /messages', () => {
  it('when the body is valid, then it answers 201 with the stored message and a Location', async () => {
    const res = await request(t.app).post('/messages').send({ author: 'ada', text: 'hello pods' });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      author: 'ada',
      text: 'hello pods',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(res.headers.location).toBe(`/messages/${res.body.id}`);
    const stored = await request(t.app).get(`/messages/${res.body.id}`);
    expect(stored.body).toEqual(res.body);
  });

  it.each([
    ['emoji and other 4-byte characters', '🚀 pods 👩🏽‍💻 𝄞 𠜎', 'Zoë 🐳'],
    [
      'quotes and SQL-looking text',
      `'); DROP TABLE messages; -- "quoted" \\ back\\slash`,
      `O'Brien" OR 1=1 --`,
    ],
    ['control-free whitespace and newlines', '  line one\n\tline two  ', ' spaced '],
  ])(
    'when the text has %s, then it is stored and returned verbatim',
    async (_case, text, author) => {
      const created = await request(t.app).post('/messages').send({ author, text });

      const read = await request(t.app).get(`/messages/${created.body.id}`);

      expect(created.status).toBe(201);
      expect(read.body).toMatchObject({ author, text });
    },
  );

  it('when author is 64 emoji and text 1000 characters, then both limits are accepted', async () => {
    const res = await request(t.app)
      .post('/messages')
      .send({ author: '😀'.repeat(64), text: 'x'.repeat(1000) });

    expect(res.status).toBe(201);
    expect((await request(t.app).get(`/messages/${res.body.id}`)).body.author).toBe(
      '😀'.repeat(64),
    );
  });
});

describe('POST /messages with bad input', () => {
  it.each([
    [
      'an unknown field',
      { author: 'a', text: 'b', admin: true },
      'admin',
      'is not an allowed field',
    ],
    ['a number for author', { author: 42, text: 'b' }, 'author', 'must be a string'],
    ['a missing text', { author: 'a' }, 'text', 'is required'],
    ['an empty author', { author: '', text: 'b' }, 'author', 'must not be empty'],
    ['a blank text', { author: 'a', text: '   ' }, 'text', 'must not be empty'],
    [
      'a 65-character author',
      { author: 'a'.repeat(65), text: 'b' },
      'author',
      'must be at most 64 characters',
    ],
    [
      'a 1001-character text',
      { author: 'a', text: 'b'.repeat(1001) },
      'text',
      'must be at most 1000 characters',
    ],
    [
      'a lone surrogate',
      { author: 'a', text: '\ud83d' },
      'text',
      'must be well-formed Unicode (no lone surrogates)',
    ],
    ['an array body', [{ author: 'a', text: 'b' }], 'body', 'must be a JSON object'],
  ])(
    'when the body has %s, then it answers 400 naming the field and stores nothing',
    async (_case, body, field, message) => {
      const before = await countRows();

      const res = await request(t.app).post('/messages').send(body);

      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toContainEqual({ field, message });
      expect(res.body.detail).toContain(`${field} ${message}`);
      expect(await countRows()).toBe(before);
    },
  );

  it('when there is no body, then it answers 400 saying a JSON object is expected', async () => {
    const res = await request(t.app).post('/messages');

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });

  it('when the JSON is malformed, then it answers 400', async () => {
    const res = await request(t.app)
      .post('/messages')
      .set('Content-Type', 'application/json')
      .send('{"author": "a",');

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      type: 'urn:podtalk:problem:entity-parse-failed',
      detail: expect.stringContaining('JSON'),
    });
  });

  it('when the content type is not JSON, then it answers 415', async () => {
    const res = await request(t.app).post('/messages').type('form').send('author=a&text=b');

    expect(res.status).toBe(415);
    expect(res.body.detail).toBe(
      'Content-Type must be application/json, got application/x-www-form-urlencoded',
    );
  });

  it('when the body is over 16 KiB, then it answers 413 and stores nothing', async () => {
    const before = await countRows();

    const res = await request(t.app)
      .post('/messages')
      .send({ author: 'a', text: 'b'.repeat(16 * 1024) });

    expect(res.status).toBe(413);
    expect(await countRows()).toBe(before);
  });
});
