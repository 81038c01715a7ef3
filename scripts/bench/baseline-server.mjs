// The floor for the benchmark: Express 5 and a mysql2 pool running db-client's list query
// behind a bare route. No validation, logging, metrics or request ids: what a minimal
// hand-written service would do, so the ratios show what our production features cost.
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

const server = app.listen(Number(process.env.PORT ?? 0));
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
