// The floor for the benchmark: Express 5 and a mysql2 pool running db-client's list query
// behind a bare route. No validation, logging, metrics or request ids: what a minimal
// hand-written service would do, so the ratios show what our production features cost.
// With BASELINE_SERVER=kit the same app listens through the service kit's listen(), as our
// services do, so the bench can also tell what the features cost on an equal server.
import express from 'express';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({
  host: process.env.DB_HOST,
  port: Number(process.env.DB_PORT ?? 3306),
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: process.env.DB_NAME,
  connectionLimit: 10,
});

const app = express();
app.get('/messages', async (req, res) => {
  const limit = Number(req.query.limit ?? 20);
  const [rows] = await pool.execute(
    'SELECT id, author, text, created_at FROM messages ORDER BY id DESC LIMIT ?',
    [String(limit + 1)],
  );
  res.json({ items: rows.slice(0, limit) });
});
app.get('/readyz', (_req, res) => {
  res.json({ status: 'ready' });
});

const port = Number(process.env.PORT ?? 0);
// The kit is loaded only when asked for, so the bare baseline carries none of its modules.
const server =
  process.env.BASELINE_SERVER === 'kit'
    ? await (await import('@podtalk/service-kit')).listen(app, port)
    : app.listen(port);
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
