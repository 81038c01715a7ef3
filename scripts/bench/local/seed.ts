import mysql from 'mysql2/promise';

/** Inserts `count` messages in bulk, straight into the table db-client migrated. */
export async function seedMessages(env: Record<string, string>, count: number): Promise<void> {
  const connection = await mysql.createConnection({
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    user: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
    charset: 'utf8mb4_unicode_ci',
  });
  try {
    for (let start = 0; start < count; start += 1_000) {
      const rows = Array.from({ length: Math.min(1_000, count - start) }, (_, i) => [
        `author ${(start + i) % 97}`,
        `seeded message ${start + i} — with a little unicode ✓ and enough text to look real`,
        new Date(),
      ]);
      await connection.query('INSERT INTO messages (author, text, created_at) VALUES ?', [rows]);
    }
  } finally {
    await connection.end();
  }
}
