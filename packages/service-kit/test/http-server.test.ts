import { Agent, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, portOf } from '../src/index.js';
import { buildTestApp } from './test-app.js';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

describe('listen', () => {
  it('when a request arrives, then it and its response already carry the app prototypes, before Express sees them', async () => {
    const { app } = buildTestApp();
    server = await listen(app, 0);
    const seen: { req: object; res: object }[] = [];
    // Runs before the app's own listener, so it sees the objects exactly as Node built them.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      seen.push({
        req: Object.getPrototypeOf(req) as object,
        res: Object.getPrototypeOf(res) as object,
      });
    });

    const res = await fetch(`http://127.0.0.1:${portOf(server)}/healthz`);

    expect(res.status).toBe(200);
    expect(seen).toEqual([{ req: app.request, res: app.response }]);
  });

  it('when a client posts JSON over one kept-alive connection, then every request is read and answered in full', async () => {
    const { app, logs } = buildTestApp();
    server = await listen(app, 0);
    let connections = 0;
    server.on('connection', () => connections++);
    // One socket for all three requests, so Node builds each request anew on a reused socket.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });

    const answers = [];
    for (const name of ['ada', 'alan', 'margaret']) {
      answers.push(await postJson(agent, portOf(server), name));
    }
    agent.destroy();

    expect(answers).toEqual([
      { status: 201, id: 'greet-ada', body: { hello: 'ada' } },
      { status: 201, id: 'greet-alan', body: { hello: 'alan' } },
      { status: 400, id: 'greet-margaret', body: expect.objectContaining({ status: 400 }) },
    ]);
    expect(connections).toBe(1);
    expect(logs.filter((line) => line.msg === 'request completed')).toHaveLength(3);
  });

  it('when the server starts, then it carries the explicit header, request and keep-alive timeouts', async () => {
    const { app } = buildTestApp();

    server = await listen(app, 0);

    expect(server).toMatchObject({
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      keepAliveTimeout: 5_000,
    });
  });
});

/** POSTs {name} to /greetings through `agent` and reads the whole answer. */
function postJson(agent: Agent, port: number, name: string) {
  return new Promise<{ status?: number; id?: string | string[]; body: unknown }>(
    (resolve, reject) => {
      const req = request(
        {
          agent,
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/greetings',
          headers: { 'content-type': 'application/json', 'x-request-id': `greet-${name}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode,
              id: res.headers['x-request-id'],
              body: JSON.parse(Buffer.concat(chunks).toString()) as unknown,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ name }));
    },
  );
}
