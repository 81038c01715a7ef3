import type { Server } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Readiness } from '../health/readiness.js';

export interface ShutdownOptions {
  servers: Server[];
  readiness: Readiness;
  logger: Logger;
  /** Keep serving this long, so endpoint removal reaches every node before we stop listening. */
  delayMs: number;
  /** Give up on in-flight requests after this and exit 1. */
  timeoutMs: number;
  /** Release resources (pools, clients) once no request can use them any more. */
  onClose?: () => Promise<void>;
  exit?: (code: number) => void;
}

/**
 * While draining, every answer says `Connection: close`, so keep-alive clients
 * move to a new connection (and a ready pod) instead of reusing one about to close.
 */
export function closeConnectionsWhileDraining(readiness: Readiness): RequestHandler {
  return (_req, res, next) => {
    if (readiness.draining) res.setHeader('Connection', 'close');
    next();
  };
}

/** The shutdown sequence as one function, so tests can run it without signals. */
export async function shutdown(options: ShutdownOptions): Promise<number> {
  const { servers, readiness, logger, delayMs, timeoutMs, onClose } = options;
  const hardStop = setTimeout(() => {
    logger.error({ timeoutMs }, 'shutdown timed out; cutting remaining connections');
    for (const server of servers) server.closeAllConnections();
    (options.exit ?? process.exit)(1);
  }, timeoutMs);
  hardStop.unref();

  readiness.startDraining();
  logger.info({ delayMs }, 'draining: readiness is now 503');
  await new Promise((resolve) => setTimeout(resolve, delayMs));

  logger.info('closing listeners and waiting for in-flight requests');
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
          // Idle keep-alive sockets carry no request; busy ones close after their response.
          server.closeIdleConnections();
        }),
    ),
  );
  await onClose?.();
  clearTimeout(hardStop);
  logger.info('shutdown complete');
  return 0;
}

/** Runs the shutdown sequence on the first SIGTERM or SIGINT, then exits. */
export function handleShutdownSignals(options: ShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    options.logger.info({ signal }, 'shutdown requested');
    shutdown({ ...options, exit }).then(exit, (error: unknown) => {
      options.logger.error({ err: error }, 'shutdown failed');
      exit(1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Unknown process-level errors leave the process in an unknown state: log and exit. */
export function exitOnFatalErrors(logger: Logger): void {
  const fatal = (error: unknown, origin: string) => {
    logger.fatal({ err: error, origin }, 'fatal error; exiting');
    process.exit(1);
  };
  process.on('uncaughtException', (error) => fatal(error, 'uncaughtException'));
  process.on('unhandledRejection', (reason) => fatal(reason, 'unhandledRejection'));
}
