// The whole system in the lab, as a user's cluster runs it: LabCluster (bosun master on m1,
// `bosun kubelet` on each node host) plus `bosun network` and `bosun proxy` on every node host,
// each started with its systemd unit's command line and environment file. bosunctl and kubectl
// run on the runner and talk to m1 only after the lab's guard said the lab is up.
import { LabCluster, nodeUnitEnv } from '../kubelet/cluster.js';
import type { HostProcess, LabHost } from '../lab/lab.js';
import { Bosunctl } from '../bosunctl/bosunctl.js';
import type { KubectlResult } from '../support/kubectl.js';
import { waitFor } from '../support/process.js';
import { unitCommand } from '../support/units.js';

export const dnsAddress = '169.254.20.10';

/** bosunctl that checks the lab is up before every call (else m1's address would leave by the default route). */
class LabBosunctl extends Bosunctl {
  constructor(private readonly guard: () => void, server: string) { super(server); }

  override run(args: readonly string[], opts: { input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<KubectlResult> {
    this.guard();
    return super.run(args, opts);
  }
}

export class ExamplesCluster {
  readonly bosunctl: Bosunctl;

  private constructor(readonly cluster: LabCluster) {
    const m1 = cluster.lab.host('m1');
    this.bosunctl = new LabBosunctl(() => cluster.lab.guard(m1.ip), cluster.server);
  }

  get lab() { return this.cluster.lab; }
  get kubectl() { return this.cluster.kubectl; }

  static async start(opts: { nodes?: number } = {}): Promise<ExamplesCluster> {
    const cluster = await LabCluster.start({ nodes: opts.nodes ?? 2 });
    const c = new ExamplesCluster(cluster);
    try {
      for (const n of c.lab.nodes) {
        c.startAgent('network', n);
        c.startAgent('proxy', n);
      }
      for (const n of c.lab.nodes) await c.waitForAgents(n);
      return c;
    } catch (err) {
      await c.stop().catch(() => {});
      throw err;
    }
  }

  /**
   * `bosun network` or `bosun proxy` on `node`, as its unit runs it. The network agent's
   * upstream resolver is m1's port 53, where nothing answers: names outside the cluster fail
   * there instead of going to this machine's resolvers.
   */
  startAgent(c: 'network' | 'proxy', node: LabHost): HostProcess {
    const [cmd, ...args] = unitCommand(c);
    const env = nodeUnitEnv(c, this.cluster.server, node);
    if (c === 'network') env['BOSUN_UPSTREAM_DNS'] = `${this.lab.host('m1').ip}:53`;
    return this.lab.startProcess(node.name, cmd!, args, { name: c, env });
  }

  /** Until the node-local DNS answers for the kubernetes Service and the proxy serves /healthz. */
  private async waitForAgents(node: LabHost): Promise<void> {
    await waitFor(`the node-local DNS on ${node.name}`, async () => {
      const r = await this.lab.exec(node, ['busybox', 'nslookup', 'kubernetes.default.svc.cluster.local', dnsAddress], { timeoutMs: 5_000 });
      return r.code === 0 && /10\.96\.0\.1\b/.test(r.stdout) ? true : undefined;
    }, 60_000, 500);
    await waitFor(`the proxy on ${node.name}`, async () => {
      const r = await this.lab.fetch(`http://${node.ip}:10256/healthz`).catch(() => undefined);
      return r?.ok === true ? true : undefined;
    }, 60_000, 500);
  }

  async stop(): Promise<void> {
    this.bosunctl.cleanup();
    await this.cluster.stop();
  }
}
