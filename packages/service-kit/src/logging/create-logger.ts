import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  service: string;
  pod: string;
  level: LevelWithSilent;
  /** Where lines go; stdout by default. Tests pass a stream to read the logs back. */
  destination?: DestinationStream;
}

/** JSON lines with `service` and `pod` on every line; pretty only when a person is watching a TTY. */
export function createLogger({ service, pod, level, destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service, pod },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if (destination) return pino(options, destination);
  if (process.stdout.isTTY) return pino({ ...options, transport: { target: 'pino-pretty' } });
  // Each line is written as it is logged: nothing waits in memory for a crash to lose, and no
  // write hops through libuv's thread pool, as in pino's async mode.
  return pino(options, pino.destination({ dest: 1, sync: true }));
}
