import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './test-app.js';

describe('central error handler', () => {
  it('when a route throws an AppError, then it answers problem+json with its status and detail', async () => {
    const { app } = buildTestApp();

    const res = await request(app).get('/teapot');

    expect(res.status).toBe(418);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:podtalk:problem:teapot',
      title: "I'm a teapot",
      status: 418,
      detail: 'short and stout',
      instance: '/teapot',
    });
  });

  it('when an async route rejects unexpectedly, then it answers 500 without leaking the message and logs it', async () => {
    const { app, logs } = buildTestApp();

    const res = await request(app).get('/boom').set('X-Request-Id', 'req-boom');

    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      type: 'urn:podtalk:problem:internal',
      title: 'Internal Server Error',
      status: 500,
      instance: '/boom',
      requestId: 'req-boom',
    });
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'error',
        reqId: 'req-boom',
        msg: 'request errored',
        status: 500,
        err: expect.objectContaining({ message: 'secret connection string leaked' }),
      }),
    );
  });

  it('when the route does not exist, then it answers 404 problem+json naming the route', async () => {
    const { app } = buildTestApp();

    const res = await request(app).delete('/nowhere');

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, detail: 'No route for DELETE /nowhere' });
  });
});

describe('JSON bodies', () => {
  it('when the body is not valid JSON, then it answers 400 with body-parser’s own problem type', async () => {
    const { app } = buildTestApp();

    const res = await request(app)
      .post('/greetings')
      .set('Content-Type', 'application/json')
      .send('{"name":');

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      type: 'urn:podtalk:problem:entity-parse-failed',
      title: 'Bad Request',
      status: 400,
    });
  });

  it('when the body exceeds 16 KiB, then it answers 413', async () => {
    const { app } = buildTestApp();

    const res = await request(app)
      .post('/greetings')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(17 * 1024) }));

    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      type: 'urn:podtalk:problem:entity-too-large',
      title: 'Payload Too Large',
      status: 413,
      detail: 'request entity too large',
    });
  });

  it('when the JSON is in a charset other than UTF-8, then it answers 415 naming the charset', async () => {
    const { app } = buildTestApp();

    const res = await request(app)
      .post('/greetings')
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{"name":"ada"}');

    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({
      type: 'urn:podtalk:problem:charset-unsupported',
      detail: 'unsupported charset "LATIN1"',
    });
  });

  it('when the content type is not JSON, then it answers 415 naming the type received', async () => {
    const { app } = buildTestApp();

    const res = await request(app)
      .post('/greetings')
      .set('Content-Type', 'text/plain')
      .send('name=bob');

    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({
      detail: 'Content-Type must be application/json, got text/plain',
    });
  });

  it('when fields are unknown or invalid, then it answers 400 naming each field', async () => {
    const { app } = buildTestApp();

    const res = await request(app).post('/greetings').send({ name: 'too long', admin: true });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'name', message: 'Too big: expected string to have <=5 characters' },
      { field: 'admin', message: 'is not an allowed field' },
    ]);
  });

  it('when the body is valid, then the route sees the parsed value', async () => {
    const { app } = buildTestApp();

    const res = await request(app).post('/greetings').send({ name: 'ada' });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ hello: 'ada' });
  });
});
