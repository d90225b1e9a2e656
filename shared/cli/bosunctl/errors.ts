// How bosunctl reports a failure: one line (or kubectl's multi-line Invalid form) on stderr,
// worded as kubectl words it, and a non-zero exit.
import { StatusError } from '../../api/errors.js';
import { KubeconfigError } from '../../client/kubeconfig.js';
import { UsageError } from './args.js';

/** A client-side failure: printed as "error: <message>" (or bare, for connection errors). */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly bare: boolean;
  readonly exitCode: number;
  constructor(message: string, opts: { bare?: boolean; exitCode?: number; cause?: unknown } = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.bare = opts.bare ?? false;
    this.exitCode = opts.exitCode ?? 1;
  }
}

/** kubectl's text for an error from the server, with an optional "error when creating …" context. */
export function statusErrorText(err: StatusError, context?: string): string {
  if (err.reason === 'Unauthorized') return 'error: You must be logged in to the server (Unauthorized)';
  const causes = err.details.causes ?? [];
  if (err.reason === 'Invalid' && err.details.kind !== undefined && err.details.name !== undefined) {
    const head = `The ${err.details.kind} "${err.details.name}" is invalid`;
    if (causes.length === 0) return head;
    return [`${head}: `, ...causes.map((c) => `* ${c.field !== undefined && c.field !== '' ? `${c.field}: ` : ''}${c.message ?? ''}`)].join('\n');
  }
  return `Error from server (${err.reason}): ${context !== undefined ? `${context}: ` : ''}${err.message}`;
}

/** The text to print for any error that reaches the top. */
export function errorText(err: unknown): { text: string; code: number } {
  if (err instanceof StatusError) return { text: statusErrorText(err), code: 1 };
  if (err instanceof CliError) return { text: err.bare ? err.message : `error: ${err.message}`, code: err.exitCode };
  if (err instanceof KubeconfigError) {
    return { text: err.message.startsWith('context was not found') || err.message.startsWith('cluster has no server')
      ? `Error in configuration: ${err.message}` : `error: ${err.message}`, code: 1 };
  }
  if (err instanceof UsageError) return { text: `error: ${err.message}`, code: 1 };
  if (err instanceof ContextualError) return { text: err.message, code: 1 };
  return { text: `error: ${err instanceof Error ? err.message : String(err)}`, code: 1 };
}

/** An already formatted message (e.g. a StatusError with its "error when creating" context). */
export class ContextualError extends Error {
  override readonly name = 'ContextualError';
}
