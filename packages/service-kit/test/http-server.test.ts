import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../src/index.js';
import { buildTestApp } from './test-app.js';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

describe('listen', () => {
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
