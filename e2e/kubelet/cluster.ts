// A Bosun cluster in the lab: `bosun master` on m1 (etcd beside it), `bosun kubelet` on each
// node host with the command line its systemd unit will use, and the real kubectl on the
// runner, talking to m1 only after the lab's guard said the lab is up.
import { Lab } from '../lab/lab.js';
import type { HostProcess, LabHost } from '../lab/lab.js';
import { Kubectl, type KubectlResult } from '../support/kubectl.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { bosunBin } from '../support/paths.js';
import { waitFor } from '../support/process.js';
import { kubeconfigFor, unitCommand, unitEnv } from '../support/units.js';

export const apiPort = 6443;

/** kubectl that checks the lab is up before every call (else m1's address would leave by the default route). */
class LabKubectl extends Kubectl {
  constructor(private readonly lab: Lab, server: string, private readonly address: string) {
    super(server);
  }

  override run(args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
    this.lab.guard(this.address);
    return super.run(args, opts);
  }
}

export class LabCluster {
  private constructor(readonly lab: Lab, readonly kubectl: Kubectl, readonly server: string) {}

  static async start(opts: { nodes?: number; iptables?: 'nft' | 'legacy' } = {}): Promise<LabCluster> {
    const lab = await Lab.start({ nodes: opts.nodes ?? 2, etcdMembers: 1, ...(opts.iptables !== undefined ? { iptables: opts.iptables } : {}) });
    try {
      const m1 = lab.host('m1');
      const server = `http://${m1.ip}:${apiPort}`;
      // `bosun master` as its systemd unit runs it (deploy/systemd/bosun-master.service, deploy/env/master.env).
      const [cmd, ...args] = unitCommand('master');
      lab.startProcess('m1', cmd!, args, {
        name: 'master',
        env: unitEnv('master', { ETCD_SERVERS: lab.etcdEndpoints.join(','), BIND_ADDRESS: m1.ip, API_PORT: String(apiPort), INSECURE: 'true' }),
      });
      lab.guard(m1.ip);
      await waitFor('the master to serve', async () => ((await lab.fetch(`${server}/readyz`).catch(() => undefined))?.ok === true ? true : undefined), 30_000);
      const c = new LabCluster(lab, new LabKubectl(lab, server, m1.ip), server);
      for (const n of lab.nodes) c.startKubelet(n);
      await waitFor('every node Ready', async () => {
        const out = await c.kubectl.run(['get', 'nodes', '--no-headers']);
        const ready = out.stdout.split('\n').filter((l) => /\sReady\s/.test(l)).length;
        return ready === lab.nodes.length ? true : undefined;
      }, 60_000, 250);
      return c;
    } catch (err) {
      await lab.stop().catch(() => {});
      throw err;
    }
  }

  /** `bosun kubelet` on `node`, as its systemd unit runs it (deploy/systemd, deploy/env). */
  startKubelet(node: LabHost): HostProcess {
    return this.startNodeUnit('kubelet', node);
  }

  /** A node component on `node` with its systemd unit's command line and environment file. */
  startNodeUnit(unit: 'kubelet' | 'network' | 'proxy', node: LabHost): HostProcess {
    const [cmd, ...args] = unitCommand(unit);
    return this.lab.startProcess(node.name, cmd!, args, { name: unit, env: nodeUnitEnv(unit, this.server, node) });
  }

  async stop(): Promise<void> {
    this.kubectl.cleanup();
    await this.lab.stop();
  }
}

/** A node component's unit environment for `node` (its kubeconfig written under the node's folder). */
export function nodeUnitEnv(c: 'kubelet' | 'proxy' | 'network', server: string, node: LabHost): Record<string, string> {
  if (node.docker === undefined) throw new Error(`${node.name} has no dockerd`);
  const conf = `${node.dir}/etc`;
  mkdirSync(`${conf}/manifests`, { recursive: true });
  writeFileSync(`${conf}/node.kubeconfig`, kubeconfigFor(server));
  return unitEnv(c, { CONF_DIR: conf, DATA_DIR: node.dir, NODE_NAME: node.name, NODE_IP: node.ip, DOCKER_HOST: node.docker.host });
}

/**
 * The kubelet's command line as flags (for scenarios that add flags of their own; flags win
 * over the unit's environment variables).
 */
export function kubeletArgs(server: string, node: LabHost): string[] {
  if (node.docker === undefined) throw new Error(`${node.name} has no dockerd`);
  return [
    bosunBin, 'kubelet', '--server', server, '--node-name', node.name, '--node-ip', node.ip,
    '--docker-host', node.docker.host, '--root-dir', `${node.dir}/kubelet`, '--pod-manifest-path', `${node.dir}/etc/manifests`,
  ];
}
