// A real `bosun apiserver` process on a free loopback port, for tests.
import { freePort } from './ports.js';
import { bosunBin } from './paths.js';
import { startProcess, waitFor, type Proc } from './process.js';

export class ApiserverProcess {
  private proc: Proc | undefined;

  private constructor(readonly port: number, private readonly args: readonly string[]) {}

  static async start(etcdEndpoints: readonly string[], extra: readonly string[] = []): Promise<ApiserverProcess> {
    const a = new ApiserverProcess(await freePort(), [
      'apiserver', '--etcd-servers', etcdEndpoints.join(','), '--bind-address', '127.0.0.1', ...extra,
    ]);
    await a.restart();
    return a;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (this.proc === undefined) throw new Error('the apiserver is not running');
    return this.proc.pid;
  }

  output(): string {
    return this.proc?.output() ?? '';
  }

  async restart(): Promise<void> {
    const nodeArgs = (process.env['BOSUN_APISERVER_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
    this.proc = startProcess(process.execPath, [...nodeArgs, bosunBin, ...this.args, '--port', String(this.port)]);
    const proc = this.proc;
    await waitFor(`apiserver on ${this.url}`, async () => {
      if (proc.child.exitCode !== null) throw new Error(`apiserver exited: ${proc.output().slice(-2000)}`);
      const res = await fetch(`${this.url}/readyz`).catch(() => undefined);
      return res?.ok === true ? true : undefined;
    });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.proc?.stop(signal);
    this.proc = undefined;
  }
}
