import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => (t = await createTestApp()));
afterAll(() => t.close());

describe('concurrent writes', () => {
  it('when 200 POSTs arrive at once, then exactly 200 rows exist with 200 distinct ids', async () => {
    const server = await t.listen();

    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${server.url}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ author: 'crowd', text: `message ${i}` }),
        }).then(async (res) => ({
          status: res.status,
          id: ((await res.json()) as { id: number }).id,
        })),
      ),
    );
    const stats = (await (await fetch(`${server.url}/stats`)).json()) as { count: number };
    await server.close();

    expect(answers.filter((a) => a.status === 201)).toHaveLength(200);
    expect(new Set(answers.map((a) => a.id)).size).toBe(200);
    expect(stats.count).toBe(200);
  });
});
