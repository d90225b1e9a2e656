// `bosun kubelet`: flags, logger, the Docker runtime, the kubelet, signals.
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { isIP } from 'node:net';
import { apiServerFrom, connectionFlags } from '../../shared/client/connection-flags.js';
import { systemTimerClock } from '../../shared/client/timers.js';
import { FlagError, flagValue, helpText, intFlag, parseFlags, secondsFlag, type FlagSpec, type ParsedFlags } from '../../shared/util/flags.js';
import { rootLogger } from '../../shared/util/log.js';
import { Kubelet, type KubeletOptions } from './kubelet.js';
import { DockerRuntime } from './runtime/docker-runtime.js';

export const kubeletFlags: readonly FlagSpec[] = [
  ...connectionFlags,
  { name: 'node-name', default: '', help: 'name of this Node (default: the host name)' },
  { name: 'node-ip', default: '', help: 'this node\'s address in the cluster (required): its InternalIP, the pods\' hostIP' },
  { name: 'docker-host', default: 'unix:///var/run/docker.sock', help: 'the Docker Engine socket' },
  { name: 'root-dir', default: '/var/lib/bosun/kubelet', help: 'where pod volumes and files live' },
  { name: 'pod-manifest-path', default: '', help: 'folder of static pod manifests (none when empty)' },
  { name: 'pause-image', default: 'bosun/pause:1', help: 'the image of pod sandboxes' },
  { name: 'pod-network', default: 'bosun', help: 'name of the Docker bridge network made on the node\'s podCIDR' },
  { name: 'pod-bridge', default: 'bosun0', help: 'Linux bridge name of that network' },
  { name: 'pod-mtu', default: '0', help: 'MTU of the pod network (0: Docker\'s default); 1450 when `bosun network --mode vxlan` carries pod traffic' },
  { name: 'cluster-dns', default: '', help: 'comma-separated DNS server addresses for pods with dnsPolicy ClusterFirst (e.g. 169.254.20.10)' },
  { name: 'cluster-domain', default: 'cluster.local', help: 'the cluster\'s DNS domain' },
  { name: 'max-pods', default: '110', help: 'pods this node takes' },
  { name: 'port', default: '10250', help: 'port of the kubelet server (logs, exec, stats)' },
  { name: 'node-labels', default: '', help: 'extra labels of the Node, k=v,k2=v2' },
  { name: 'sync-frequency', default: '10s', help: 'how often every pod is synced even without events' },
  { name: 'parallel-pod-starts', default: '16', help: 'pods whose containers are made at the same time' },
  { name: 'log-level', default: 'info', help: 'log level: debug, info, warn or error' },
];

function labelsFrom(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new FlagError(`flag --node-labels: ${JSON.stringify(part)} is not key=value`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

export function kubeletOptionsFrom(flags: ParsedFlags, log: KubeletOptions['log'], serverLog?: Logger): KubeletOptions {
  if (flags.rest.length > 0) throw new FlagError(`unexpected argument ${JSON.stringify(flags.rest[0])}`);
  const nodeIP = flagValue(flags, 'node-ip');
  if (isIP(nodeIP) !== 4) throw new FlagError(`flag --node-ip must be this node's IPv4 address, not ${JSON.stringify(nodeIP)}`);
  const dns = flagValue(flags, 'cluster-dns').split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const d of dns) if (isIP(d) === 0) throw new FlagError(`flag --cluster-dns: ${JSON.stringify(d)} is not an IP address`);
  const rootDir = flagValue(flags, 'root-dir');
  if (!rootDir.startsWith('/')) throw new FlagError(`flag --root-dir must be an absolute path, not ${JSON.stringify(rootDir)}`);
  const host = hostname();
  const runtime = new DockerRuntime(flagValue(flags, 'docker-host'));
  const nodeName = flagValue(flags, 'node-name') || host.toLowerCase();
  return {
    server: apiServerFrom(flags), nodeName, nodeIP, hostname: nodeName,
    runtime,
    rootDir, podManifestPath: flagValue(flags, 'pod-manifest-path'), pauseImage: flagValue(flags, 'pause-image'),
    podNetwork: flagValue(flags, 'pod-network'), podBridge: flagValue(flags, 'pod-bridge'),
    podMtu: intFlag(flags, 'pod-mtu', 0, 65535),
    clusterDNS: dns, clusterDomain: flagValue(flags, 'cluster-domain'),
    maxPods: intFlag(flags, 'max-pods', 1, 10_000), port: intFlag(flags, 'port', 0, 65535),
    nodeLabels: labelsFrom(flagValue(flags, 'node-labels')),
    resyncMs: secondsFlag(flags, 'sync-frequency', 1, 3600) * 1000,
    parallelPodStarts: intFlag(flags, 'parallel-pod-starts', 1, 1000),
    clock: systemTimerClock, log,
    ...(serverLog !== undefined ? { kubeletServer: { runtime, log: serverLog } } : {}),
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  let opts: KubeletOptions;
  try {
    const flags = parseFlags(kubeletFlags, argv);
    if (flags.help) {
      process.stdout.write(`${helpText('bosun kubelet [flags]', 'Runs the pods bound to this node on Docker Engine.', kubeletFlags)}\n`);
      return 0;
    }
    const root = rootLogger(flagValue(flags, 'log-level'), 'bosun-kubelet');
    opts = kubeletOptionsFrom(flags, root, root);
  } catch (err) {
    if (err instanceof FlagError) { process.stderr.write(`bosun kubelet: ${err.message}\n`); return 2; }
    throw err;
  }
  const ctl = new AbortController();
  process.once('SIGTERM', () => ctl.abort());
  process.once('SIGINT', () => ctl.abort());
  try {
    await new Kubelet(opts).run(ctl.signal);
  } catch (err) {
    if (ctl.signal.aborted) return 0;
    opts.log.error({ err }, 'Kubelet stopped');
    return 1;
  }
  return 0;
}
