// Running the short commands the lab is made of (ip, docker, nsenter), async and sync. The sync
// form exists for teardown, which must also work inside a process 'exit' hook.
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:os';

export interface ExecResult { readonly code: number; readonly stdout: string; readonly stderr: string }

export interface RunOptions {
  readonly input?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/** Runs `cmd args` to completion; never throws for a non-zero exit (a failed spawn is code 127). */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    const timer = opts.timeoutMs === undefined ? undefined
      : setTimeout(() => { stderr += `\n(killed after ${opts.timeoutMs} ms)`; child.kill('SIGKILL'); }, opts.timeoutMs);
    child.once('error', (err) => { clearTimeout(timer); resolve({ code: 127, stdout, stderr: stderr + String(err) }); });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal !== null ? 128 + signalNumber(signal) : 1), stdout, stderr });
    });
    child.stdin.on('error', () => { /* the command did not read its input */ });
    child.stdin.end(opts.input ?? '');
  });
}

/** Like run, and throws with the command's stderr when it fails. */
export async function runOk(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

export function runSync(cmd: string, args: readonly string[], opts: RunOptions = {}): ExecResult {
  const r = spawnSync(cmd, args, { env: opts.env ?? process.env, input: opts.input ?? '', encoding: 'utf8', timeout: opts.timeoutMs, killSignal: 'SIGKILL' });
  const code = r.status ?? (r.error !== undefined ? 127 : 128 + signalNumber(r.signal ?? 'SIGKILL'));
  return { code, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error !== undefined ? String(r.error) : '') };
}

export function runSyncOk(cmd: string, args: readonly string[], opts: RunOptions = {}): string {
  const r = runSync(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** Blocks the thread: teardown waits for processes to go inside an 'exit' hook, where nothing async runs. */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 0;
}
