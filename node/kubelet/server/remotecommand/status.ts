// The Status written on the error channel when an exec or attach ends (protocol v4 and v5):
// kubectl reads the exit code from the cause with reason ExitCode.

export interface ExecStatus {
  readonly metadata: Record<string, never>;
  readonly status: 'Success' | 'Failure';
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: { readonly causes: readonly { readonly reason: string; readonly message: string }[] };
}

export const successStatus = (): ExecStatus => ({ metadata: {}, status: 'Success' });

export function exitStatus(command: readonly string[], exitCode: number | undefined): ExecStatus {
  if (exitCode === 0 || exitCode === undefined) return successStatus();
  return {
    metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

export function internalErrorStatus(err: unknown): ExecStatus {
  const text = err instanceof Error ? err.message : String(err);
  return { metadata: {}, status: 'Failure', reason: 'InternalError', code: 500, message: `Internal error occurred: ${text}` };
}
