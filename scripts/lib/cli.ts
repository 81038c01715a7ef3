import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses flags; --help prints the usage; an unknown flag prints one line and the usage and exits 2. */
export function parseFlags<T extends Options>(
  options: T,
  usage: string,
): ReturnType<typeof parseArgs<{ options: T; strict: true }>>['values'] {
  let parsed;
  try {
    parsed = parseArgs({
      options,
      strict: true,
      args: process.argv.slice(2).filter((arg) => arg !== '--help'),
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    process.exit(2);
  }
  if (process.argv.includes('--help')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return parsed.values;
}

/** Runs a script's main: a failure prints its message, not a stack trace, and exits 1. */
export function main(body: () => Promise<void>): void {
  body().catch((error: unknown) => {
    process.stderr.write(`\n✗ ${(error as Error).message}\n`);
    process.exit(1);
  });
}
