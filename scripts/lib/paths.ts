import { fileURLToPath } from 'node:url';

/** The repository's root, with a trailing slash: scripts read and run everything from it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
