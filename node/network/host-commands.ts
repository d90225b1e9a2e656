// The one place the network agent runs programs: `ip`, `bridge` and `iptables` (the backend
// Docker uses on this host, chosen once at start by shared/util/iptables-backend.ts, as the proxy chooses). Everything else
// builds argument lists and reads the results; tests pass a recording HostCommands instead.
import { runProgram, type ProgramResult } from '../../shared/util/run-program.js';
import { detectIptablesMode, iptablesBinaries, type IptablesBinaries } from '../../shared/util/iptables-backend.js';

export type CommandResult = ProgramResult;

export interface HostCommands {
  readonly backend: IptablesBinaries;
  ip(args: readonly string[], signal: AbortSignal): Promise<CommandResult>;
  bridge(args: readonly string[], signal: AbortSignal): Promise<CommandResult>;
  iptables(args: readonly string[], signal: AbortSignal): Promise<CommandResult>;
  /** `iptables-restore --noflush` of `input` (nothing outside the tables and chains it names changes). */
  iptablesRestore(input: string, signal: AbortSignal): Promise<CommandResult>;
}

/** A command that failed where failing was not expected; `code` is stable for callers. */
export class HostCommandError extends Error {
  override readonly name = 'HostCommandError';
  readonly code = 'HOST_COMMAND_FAILED';
  constructor(readonly command: string, readonly exitCode: number, readonly stderr: string) {
    super(`${command} exited ${exitCode}: ${stderr.trim()}`);
  }
}

/** Throws HostCommandError unless the command succeeded; the stdout otherwise. */
export function mustSucceed(what: string, r: CommandResult): string {
  if (r.code !== 0) throw new HostCommandError(what, r.code, r.stderr);
  return r.stdout;
}

export class ExecHostCommands implements HostCommands {
  private constructor(readonly backend: IptablesBinaries) {}

  /** Picks the iptables backend that holds Docker's rules (kube-proxy's way). */
  static async detect(signal: AbortSignal): Promise<ExecHostCommands> {
    return new ExecHostCommands(iptablesBinaries(await detectIptablesMode((cmd, args) => runProgram(cmd, args, signal))));
  }

  ip(args: readonly string[], signal: AbortSignal): Promise<CommandResult> { return runProgram('ip', args, signal); }
  bridge(args: readonly string[], signal: AbortSignal): Promise<CommandResult> { return runProgram('bridge', args, signal); }

  iptables(args: readonly string[], signal: AbortSignal): Promise<CommandResult> {
    return runProgram(this.backend.iptables, ['-w', '5', ...args], signal);
  }

  iptablesRestore(input: string, signal: AbortSignal): Promise<CommandResult> {
    return runProgram(this.backend.restore, ['-w', '5', '--noflush'], signal, input);
  }
}
