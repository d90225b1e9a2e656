// A process running inside a lab host: started with `nsenter --net` (not `ip netns exec`, which
// makes a new mount namespace and remounts /sys, hiding the cgroup mounts from dockerd), in its
// own session, output to a log file, tracked by pid and start time so teardown finds it even
// after this test process died.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { procStart, type ProcRecord } from './state.js';

export interface ProcessSpec {
  /** Unique per host: 'dockerd', 'etcd-e1', 'kubelet', … */
  readonly name: string;
  readonly host: string;
  readonly netnsPath: string;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly logFile: string;
}

export interface ProcessHooks {
  started(rec: ProcRecord): void;
  exited(rec: ProcRecord): void;
}

export class HostProcess {
  private record: ProcRecord | undefined;
  private exit: Promise<number | null> = Promise.resolve(null);
  private running = false;
  private child: ChildProcess | undefined;

  constructor(readonly spec: ProcessSpec, private readonly hooks: ProcessHooks) {}

  get name(): string { return this.spec.name; }
  get host(): string { return this.spec.host; }
  /** The pid of the current run; undefined before the first start. */
  get pid(): number | undefined { return this.record?.pid; }
  get isRunning(): boolean { return this.running; }

  /** Starts it (again, with the same command line, after a stop or kill). */
  start(): this {
    if (this.running) throw new Error(`${this.spec.name} on ${this.spec.host} is already running (pid ${this.record?.pid})`);
    const fd = openSync(this.spec.logFile, 'a');
    let child;
    try {
      child = spawn('nsenter', [`--net=${this.spec.netnsPath}`, '--', this.spec.cmd, ...this.spec.args], {
        detached: true, stdio: ['ignore', fd, fd], env: this.spec.env, cwd: this.spec.cwd,
      });
    } finally { closeSync(fd); }
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not start ${this.spec.cmd} in ${this.spec.host}`);
    const rec: ProcRecord = { name: this.spec.name, host: this.spec.host, pid, start: procStart(pid) ?? '' };
    this.record = rec;
    this.child = child;
    this.running = true;
    this.hooks.started(rec);
    this.exit = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.running = false;
        this.hooks.exited(rec);
        resolve(code ?? (signal !== null ? -1 : null));
      });
    });
    child.unref();                                       // never keeps the test process alive; the exit hook ends it
    return this;
  }

  /**
   * Resolves with the exit code (-1 when a signal ended it) once the current run is over. The
   * child is unref'd so a forgotten process never holds the test open; waiting for it refs it.
   */
  exited(): Promise<number | null> {
    if (this.running) this.child?.ref();
    return this.exit;
  }

  /** Sends signal, waits up to graceMs, then SIGKILL. Resolves when it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<number | null> {
    if (!this.running || this.record === undefined) return this.exit;
    const pid = this.record.pid;
    try { process.kill(pid, signal); } catch { /* already gone */ }
    const timer = setTimeout(() => { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }, graceMs);
    try { return await this.exited(); } finally { clearTimeout(timer); }
  }

  kill(): Promise<number | null> { return this.stop('SIGKILL', 0); }

  async restart(): Promise<this> {
    await this.stop();
    return this.start();
  }

  /** Everything it wrote so far (all runs), for failure messages. */
  logs(tailChars = 20_000): string {
    try { return readFileSync(this.spec.logFile, 'utf8').slice(-tailChars); } catch { return ''; }
  }
}
