// The query of an exec or attach request: command (repeated, one argv element each), stdin,
// stdout, stderr, tty. With a TTY stderr is merged into stdout, so it is dropped.
import type { ExecOptions } from '../../runtime/streaming.js';
import { ServerRequestError } from '../pod-source.js';

const flag = (q: URLSearchParams, ...names: string[]): boolean => names.some((n) => q.get(n) === 'true' || q.get(n) === '1');

export function streamOptions(q: URLSearchParams, kind: 'exec' | 'attach'): ExecOptions {
  const tty = flag(q, 'tty');
  const opts: ExecOptions = {
    command: q.getAll('command'),
    stdin: flag(q, 'stdin', 'input'), stdout: flag(q, 'stdout', 'output'), stderr: flag(q, 'stderr', 'error') && !tty, tty,
  };
  if (kind === 'exec' && opts.command.length === 0) throw new ServerRequestError(400, 'you must specify at least 1 command');
  if (!opts.stdin && !opts.stdout && !opts.stderr) throw new ServerRequestError(400, 'you must specify at least one of stdin, stdout, stderr');
  return opts;
}
