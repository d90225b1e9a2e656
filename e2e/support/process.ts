// Child processes that tests start and always stop (by the pid they were given).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface Proc {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it wrote, for assertions and failure messages. */
  output(): string;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
  exited(): Promise<number | null>;
}

const running = new Set<Proc>();
let hooked = false;

/** Kills every process tests started when the test process exits, even after a failure. */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  const killAll = (): void => { for (const p of running) { try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ } } };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { killAll(); process.exit(130); });
}

export function startProcess(cmd: string, args: readonly string[], opts: { env?: NodeJS.ProcessEnv; logFile?: string; cwd?: string } = {}): Proc {
  hookExit();
  const child = spawn(cmd, args, { env: { ...process.env, ...opts.env }, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  let out = '';
  const log: WriteStream | undefined = opts.logFile !== undefined ? createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
  const take = (b: Buffer): void => { out += b.toString(); if (out.length > 4_000_000) out = out.slice(-2_000_000); log?.write(b); };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => { running.delete(proc); log?.end(); resolve(code); }));
  const pid = child.pid;
  const proc: Proc = {
    child, pid,
    output: () => out,
    exited: () => exit,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
  running.add(proc);
  return proc;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) { last = err; }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last !== undefined ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
