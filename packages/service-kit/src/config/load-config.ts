import { z } from 'zod';
import { readFileVariables } from './file-variables.js';

/** Thrown when the environment does not satisfy a service's config schema. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Variables that may come as NAME_FILE instead: a file holding the value, such as a Secret. */
  fromFiles?: readonly string[];
}

/**
 * Parses `env` with a schema whose keys are variable names.
 * Every problem names its variable, so a bad deployment says exactly what to fix.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
  { fromFiles = [] }: LoadConfigOptions = {},
): z.output<S> {
  const files = readFileVariables(env, fromFiles);
  const result = schema.safeParse(files.env);
  if (result.success && files.problems.size === 0) return result.data;
  const issues = result.success ? [] : result.error.issues;
  throw new ConfigError([
    ...files.problems.values(),
    ...issues
      .filter((issue) => !files.problems.has(String(issue.path[0])))
      .map((issue) => {
        const name = issue.path.join('.');
        return name ? `${name}: ${issue.message}` : issue.message;
      }),
  ]);
}

/** Like loadConfig, but prints the problems and exits 1: what a service's main wants. */
export function loadConfigOrExit<S extends z.ZodType>(
  schema: S,
  options?: LoadConfigOptions,
): z.output<S> {
  try {
    return loadConfig(schema, process.env, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
