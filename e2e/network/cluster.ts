// A Bosun cluster in the lab with the pod network: `bosun master` on m1, a tiny upstream DNS
// responder on m1 (the lab has no outside), and on every node host `bosun kubelet` (cluster
// DNS 169.254.20.10, the pod MTU the mode needs) and `bosun network`.
import { join } from 'node:path';
import { Lab, type HostProcess, type LabHost } from '../lab/lab.js';
import { kubeletArgs } from '../kubelet/cluster.js';
import { Kubectl, type KubectlResult } from '../support/kubectl.js';
import { bosunBin, repoRoot } from '../support/paths.js';
import { waitFor } from '../support/process.js';

export const apiPort = 6443;
export const dnsAddress = '169.254.20.10';
/** What the upstream responder on m1 knows. */
export const outsideName = 'outside.example';
export const outsideIP = '192.0.2.10';

class LabKubectl extends Kubectl {
  constructor(private readonly lab: Lab, server: string, private readonly address: string) { super(server); }
  override run(args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
    this.lab.guard(this.address);
    return super.run(args, opts);
  }
}

export type Mode = 'host-gw' | 'vxlan';

export class NetworkCluster {
  private constructor(readonly lab: Lab, readonly kubectl: Kubectl, readonly server: string, readonly mode: Mode) {}

  static async start(opts: { nodes: number; mode: Mode; iptables?: 'nft' | 'legacy' }): Promise<NetworkCluster> {
    const lab = await Lab.start({ nodes: opts.nodes, etcdMembers: 1, iptables: opts.iptables ?? 'nft' });
    try {
      const m1 = lab.host('m1');
      const server = `http://${m1.ip}:${apiPort}`;
      lab.startProcess('m1', process.execPath, [
        bosunBin, 'master', '--etcd-servers', lab.etcdEndpoints.join(','), '--bind-address', m1.ip, '--port', String(apiPort), '--insecure',
        '--leader-elect=false',
      ], { name: 'master' });
      lab.startProcess('m1', process.execPath, [join(repoRoot, 'dist', 'e2e', 'network', 'upstream-dns.js'), m1.ip, '53', `${outsideName}=${outsideIP}`], { name: 'upstream-dns' });
      lab.guard(m1.ip);
      await waitFor('the master to serve', async () => ((await lab.fetch(`${server}/readyz`).catch(() => undefined))?.ok === true ? true : undefined), 30_000);
      const c = new NetworkCluster(lab, new LabKubectl(lab, server, m1.ip), server, opts.mode);
      for (const n of lab.nodes) {
        lab.startProcess(n.name, process.execPath, [...kubeletArgs(server, n), '--cluster-dns', dnsAddress, ...(opts.mode === 'vxlan' ? ['--pod-mtu', '1450'] : [])], { name: 'kubelet' });
        c.startNetwork(n);
      }
      await waitFor('every node Ready', async () => {
        const out = await c.kubectl.run(['get', 'nodes', '--no-headers']);
        const ready = out.stdout.split('\n').filter((l) => /\sReady\s/.test(l)).length;
        return ready === lab.nodes.length ? true : undefined;
      }, 120_000, 250);
      return c;
    } catch (err) {
      await lab.stop().catch(() => {});
      throw err;
    }
  }

  /** `bosun network` on `node`, as its systemd unit runs it. */
  startNetwork(node: LabHost, mode: Mode = this.mode): HostProcess {
    const m1 = this.lab.host('m1');
    return this.lab.startProcess(node.name, process.execPath, [
      bosunBin, 'network', '--server', this.server, '--node-name', node.name, '--node-ip', node.ip, '--mode', mode,
      '--upstream-dns', `${m1.ip}:53`, '--resync-period', '2s',
    ], { name: 'network' });
  }

  async stop(): Promise<void> {
    this.kubectl.cleanup();
    await this.lab.stop();
  }
}
