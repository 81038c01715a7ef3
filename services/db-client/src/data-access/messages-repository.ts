import type { Message } from '@podtalk/contracts';
import { codeOf } from '@podtalk/service-kit';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { Database } from './database.js';

export interface NewMessage {
  author: string;
  text: string;
  createdAt: Date;
  idempotencyKey?: string;
  requestHash?: Buffer;
}

export interface KeyedMessage {
  message: Message;
  requestHash: Buffer | null;
}

interface MessageRow extends RowDataPacket {
  id: number;
  author: string;
  text: string;
  created_at: Date;
  request_hash?: Buffer | null;
}

const COLUMNS = 'id, author, text, created_at';

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  author: row.author,
  text: row.text,
  createdAt: row.created_at.toISOString(),
});

/** All SQL for messages. Every statement is prepared; no value is ever spliced into SQL. */
export function createMessagesRepository(db: Database) {
  return {
    /** Inserts a message; `duplicateKey` when its idempotency key is already taken. */
    async insert(message: NewMessage): Promise<{ id: number } | { duplicateKey: true }> {
      try {
        const result = await db.execute<ResultSetHeader>(
          `INSERT INTO messages (author, text, created_at, idempotency_key, request_hash)
           VALUES (?, ?, ?, ?, ?)`,
          [
            message.author,
            message.text,
            message.createdAt,
            message.idempotencyKey ?? null,
            message.requestHash ?? null,
          ],
        );
        return { id: result.insertId };
      } catch (error) {
        if (codeOf(error) === 'ER_DUP_ENTRY') return { duplicateKey: true };
        throw error;
      }
    },

    async findById(id: number): Promise<Message | undefined> {
      const rows = await db.execute<MessageRow[]>(`SELECT ${COLUMNS} FROM messages WHERE id = ?`, [
        id,
      ]);
      return rows[0] && toMessage(rows[0]);
    },

    async findByIdempotencyKey(key: string): Promise<KeyedMessage | undefined> {
      const rows = await db.execute<MessageRow[]>(
        `SELECT ${COLUMNS}, request_hash FROM messages WHERE idempotency_key = ?`,
        [key],
      );
      const row = rows[0];
      return row && { message: toMessage(row), requestHash: row.request_hash ?? null };
    },

    /** Newest first, strictly older than `before` when given. */
    async listNewest({
      limit,
      before,
    }: {
      limit: number;
      before?: number | undefined;
    }): Promise<Message[]> {
      // LIMIT is sent as a string: MySQL 8's prepared statements reject a numeric LIMIT parameter.
      const rows =
        before === undefined
          ? await db.execute<MessageRow[]>(
              `SELECT ${COLUMNS} FROM messages ORDER BY id DESC LIMIT ?`,
              [String(limit)],
            )
          : await db.execute<MessageRow[]>(
              `SELECT ${COLUMNS} FROM messages WHERE id < ? ORDER BY id DESC LIMIT ?`,
              [before, String(limit)],
            );
      return rows.map(toMessage);
    },

    async remove(id: number): Promise<boolean> {
      const result = await db.execute<ResultSetHeader>('DELETE FROM messages WHERE id = ?', [id]);
      return result.affectedRows > 0;
    },

    async count(): Promise<number> {
      const rows = await db.execute<RowDataPacket[]>('SELECT COUNT(*) AS count FROM messages');
      return Number(rows[0]?.count ?? 0);
    },
  };
}

export type MessagesRepository = ReturnType<typeof createMessagesRepository>;
