import { runToExit } from '@podtalk/test-kit';
import { describe, expect, it } from 'vitest';

describe('startup configuration', () => {
  it('when DB variables are missing or malformed, then it exits 1 naming each one', async () => {
    const result = await runToExit({
      cwd: process.cwd(),
      env: { DB_PORT: 'mysql', DB_USER: 'app' },
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration:');
    expect(result.stderr).toContain('DB_HOST: is required');
    expect(result.stderr).toContain('DB_PORT: must be a whole number');
    expect(result.stderr).toContain(
      'DB_PASSWORD: is required: set DB_PASSWORD_FILE, or DB_PASSWORD (it may be empty)',
    );
    expect(result.stderr).toContain('DB_NAME: is required');
    expect(result.stderr).not.toContain('    at ');
  });
});
