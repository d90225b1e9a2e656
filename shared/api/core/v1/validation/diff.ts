// A short account of how two JSON values differ, for the "may not change" messages where
// Kubernetes appends a cmp.Diff of the specs.
import { isRecord } from '../../../meta.js';

const shown = (v: unknown): string => (v === undefined ? '<unset>' : JSON.stringify(v));

function walk(a: unknown, b: unknown, path: string, out: string[], limit: number): void {
  if (out.length >= limit) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(a[k], b[k], path === '' ? k : `${path}.${k}`, out, limit);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`, out, limit));
    return;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  out.push(`  ${path}: ${shown(a)} -> ${shown(b)}`);
}

/** One line per changed leaf ("  spec.x: 1 -> 2"), at most `limit`, prefixed with `root`. */
export function describeDiff(before: unknown, after: unknown, root: string, limit = 10): string {
  const lines: string[] = [];
  walk(before, after, root, lines, limit + 1);
  if (lines.length > limit) lines.splice(limit, lines.length - limit, '  ...');
  return lines.join('\n');
}
