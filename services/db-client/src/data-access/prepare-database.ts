import { codeOf, retryWithBackoff, type Logger } from '@podtalk/service-kit';
import type { Database, DatabaseSettings } from './database.js';
import { migrate } from './migrator.js';

/**
 * Waits for the database and migrates it, retrying for as long as it takes.
 * The process stays up (and unready) meanwhile, so MySQL starting late never crash-loops us.
 */
export async function prepareDatabase(
  db: Database,
  settings: DatabaseSettings,
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  await retryWithBackoff(
    async () => {
      await db.ping();
      const applied = await migrate(settings, logger);
      logger.info({ applied }, 'database ready');
    },
    {
      initialDelayMs: 200,
      maxDelayMs: 5_000,
      signal,
      onRetry: (attempt, delayMs, error) => {
        logger.warn(
          {
            attempt,
            delayMs,
            err: { message: (error as Error).message, code: codeOf(error) },
          },
          'database not ready; retrying',
        );
      },
    },
  );
}
