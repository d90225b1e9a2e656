// Runs a program and collects what it printed: the one spawn helper of the node agents (the
// kubelet's `ip`/`nsenter`, the network agent's `ip`, `bridge` and `iptables`).
import { spawn } from 'node:child_process';

export interface ProgramResult { readonly code: number; readonly stdout: string; readonly stderr: string }

/** Runs `cmd` with `args`, `input` on its stdin; a program that cannot start gives code 127. */
export function runProgram(cmd: string, args: readonly string[], signal: AbortSignal, input?: string, timeoutMs = 60_000): Promise<ProgramResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], signal, timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', (err) => resolve({ code: 127, stdout, stderr: `${stderr}${err.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on('error', () => {});       // a program that exits early closes its stdin
    child.stdin.end(input ?? '');
  });
}
