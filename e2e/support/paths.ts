// Where things are, seen from compiled test code (dist/e2e/support/).
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The `bosun` entry point, compiled. */
export const bosunBin = join(repoRoot, 'dist', 'shared', 'cli', 'bosun.js');
