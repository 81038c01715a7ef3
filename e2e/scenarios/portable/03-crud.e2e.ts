import { describe, expect, it } from 'vitest';
import { API_URL, kubeForSuite, postMessage } from '../../src/index.js';

const kube = kubeForSuite();

describe('3. CRUD through the Service', () => {
  it('when a message is created through the api Service, then it reads back and is a row in MySQL', async () => {
    const text = `e2e crud ${Date.now()} 🚀 'quoted'`;

    const created = await postMessage(text);
    const read = (await (await fetch(`${API_URL}/api/messages/${created.id}`)).json()) as {
      text: string;
    };
    // Straight from MySQL, with the app's own credentials (its Secret file), inside the mysql pod.
    const row = await kube.run([
      'exec',
      'mysql-0',
      '--',
      'sh',
      '-c',
      `MYSQL_PWD="$(cat /run/secrets/mysql/password)" mysql -u "$MYSQL_USER" --batch --skip-column-names -e "SELECT HEX(text) FROM podtalk.messages WHERE id = ${created.id}"`,
    ]);

    expect(created.status).toBe(201);
    expect(read.text).toBe(text);
    expect(Buffer.from(row.trim(), 'hex').toString('utf8')).toBe(text);

    const deleted = await fetch(`${API_URL}/api/messages/${created.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${API_URL}/api/messages/${created.id}`)).status).toBe(404);
  });
});
