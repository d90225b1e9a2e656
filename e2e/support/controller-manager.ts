// A real `bosun controller-manager` process against a test apiserver, stopped by its pid.
import { bosunBin } from './paths.js';
import { startProcess, type Proc } from './process.js';

export class ControllerManagerProcess {
  private proc: Proc | undefined;

  constructor(private readonly server: string, private readonly extra: readonly string[] = []) {}

  /** Starts (or starts again) the process; it reaches the API over loopback like any client. */
  start(): void {
    this.proc = startProcess(process.execPath, [bosunBin, 'controller-manager', '--server', this.server, ...this.extra]);
  }

  get pid(): number {
    if (this.proc === undefined) throw new Error('the controller-manager is not running');
    return this.proc.pid;
  }

  /** Its leader-election identity, as `bosun controller-manager` makes it. */
  identitySuffix(): string {
    return `_${this.pid}`;
  }

  output(): string {
    return this.proc?.output() ?? '';
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.proc?.stop(signal);
    this.proc = undefined;
  }
}
