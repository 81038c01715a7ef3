import { describe, expect, it } from 'vitest';
import { codeOf } from '../src/index.js';

describe('codeOf', () => {
  it('when an error carries a code, or wraps one that does, then that code is returned', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

    expect(codeOf(refused)).toBe('ECONNREFUSED');
    expect(codeOf(new TypeError('fetch failed', { cause: refused }))).toBe('ECONNREFUSED');
  });

  it('when there is no code anywhere, then it is undefined, whatever was thrown', () => {
    expect(codeOf(new Error('plain'))).toBeUndefined();
    expect(codeOf('a string')).toBeUndefined();
    expect(codeOf(null)).toBeUndefined();
    expect(codeOf({ code: 42 })).toBeUndefined();
  });
});
