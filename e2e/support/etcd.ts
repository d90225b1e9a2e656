// Real etcd clusters (1 or 3 members) on free loopback ports, for tests and benchmarks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';
import { startProcess, waitFor, type Proc } from './process.js';

interface Member { name: string; client: number; peer: number; dir: string; proc: Proc | undefined }

export class EtcdCluster {
  private readonly members: Member[];
  private readonly root: string;

  private constructor(members: Member[], root: string) {
    this.members = members;
    this.root = root;
  }

  static async start(size: 1 | 3 = 1): Promise<EtcdCluster> {
    const root = mkdtempSync(join(tmpdir(), 'bosun-etcd-'));
    const members: Member[] = [];
    for (let i = 0; i < size; i++) {
      members.push({ name: `m${i}`, client: await freePort(), peer: await freePort(), dir: join(root, `m${i}`), proc: undefined });
    }
    const c = new EtcdCluster(members, root);
    for (let i = 0; i < size; i++) c.startMember(i);
    await c.waitHealthy();
    return c;
  }

  get endpoints(): string[] {
    return this.members.map((m) => `http://127.0.0.1:${m.client}`);
  }

  /** Pids of the running members. */
  get pids(): number[] {
    return this.members.flatMap((m) => (m.proc !== undefined ? [m.proc.pid] : []));
  }

  startMember(i: number): void {
    const m = this.members[i]!;
    if (m.proc !== undefined) return;
    const initial = this.members.map((x) => `${x.name}=http://127.0.0.1:${x.peer}`).join(',');
    m.proc = startProcess('etcd', [
      '--name', m.name, '--data-dir', m.dir,
      '--listen-client-urls', `http://127.0.0.1:${m.client}`, '--advertise-client-urls', `http://127.0.0.1:${m.client}`,
      '--listen-peer-urls', `http://127.0.0.1:${m.peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${m.peer}`,
      '--initial-cluster', initial, '--initial-cluster-state', 'new', '--initial-cluster-token', `bosun-test-${process.pid}`,
      '--heartbeat-interval', '50', '--election-timeout', '500', '--quota-backend-bytes', String(4 * 1024 ** 3),
      '--logger', 'zap', '--log-level', 'error',
    ], { env: { ETCD_UNSUPPORTED_ARCH: '', ETCDCTL_API: '3' } });
  }

  async stopMember(i: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const m = this.members[i]!;
    await m.proc?.stop(signal);
    m.proc = undefined;
  }

  async waitHealthy(timeoutMs = 20_000): Promise<void> {
    await waitFor('etcd to answer', async () => {
      for (const m of this.members) {
        if (m.proc === undefined) continue;
        const res = await fetch(`http://127.0.0.1:${m.client}/health`).catch(() => undefined);
        if (res?.ok !== true) return undefined;
        const body = await res.json() as { health?: string };
        if (body.health !== 'true') return undefined;
      }
      return true;
    }, timeoutMs);
  }

  async stop(): Promise<void> {
    await Promise.all(this.members.map(async (m) => { await m.proc?.stop(); m.proc = undefined; }));
    rmSync(this.root, { recursive: true, force: true });
  }
}
