// Runs a program and collects what it printed: the one spawn helper of the node agents (the
// kubelet's `ip`/`nsenter`, the network agent's `ip`, `bridge` and `iptables`, the proxy's
// `iptables-restore`, `iptables-save` and `conntrack`).
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

export interface ProgramResult { readonly code: number; readonly stdout: string; readonly stderr: string }

/** A program's stdin: all at once, or pieces written as they are made (a restore fed while its rules are still being built). */
export type ProgramInput = string | AsyncIterable<string> | undefined;

/**
 * Runs `cmd` with `args`, `input` on its stdin; a program that cannot start gives code 127.
 * When pieces of the input fail to come, the program is killed before its input ends (an
 * iptables-restore then applies nothing) and that error is thrown.
 */
export function runProgram(cmd: string, args: readonly string[], signal: AbortSignal, input?: ProgramInput, timeoutMs = 60_000): Promise<ProgramResult> {
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], signal, timeout: timeoutMs });
  const result = new Promise<ProgramResult>((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', (err) => resolve({ code: 127, stdout, stderr: `${stderr}${err.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
  child.stdin.on('error', () => {});       // a program that exits early closes its stdin
  if (typeof input !== 'object') {
    child.stdin.end(input ?? '');
    return result;
  }
  return feed(child.stdin, input).then(() => result, async (err: unknown) => {
    child.kill('SIGKILL');
    await result;
    throw err;
  });
}

/**
 * Writes each piece as it comes and lets the event loop run before the next is made, so the
 * pipe is refilled while the program reads: making the input and reading it overlap.
 */
async function feed(stdin: Writable, pieces: AsyncIterable<string>): Promise<void> {
  for await (const piece of pieces) {
    if (stdin.destroyed) break;           // the program is gone (it failed on a line, or never started): its result says why
    stdin.write(piece);
    await new Promise((resolve) => setImmediate(resolve));
  }
  stdin.end();
}
