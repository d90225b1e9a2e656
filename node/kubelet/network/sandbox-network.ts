// How a sandbox gets onto the node's pod network, the way kubelet + the CNI bridge plugin do
// it: Docker makes the pause container with `--network none`, and the kubelet adds a veth pair
// whose outer end is a port of the pod bridge (hairpin on, so a pod reaches itself through a
// Service) and whose inner end is the pod's eth0 with its address and a default route via the
// bridge. This skips Docker's per-container network setup (its embedded DNS rules above all),
// which costs more than the two `ip` runs here. The pair goes away with the sandbox's network
// namespace; nothing needs undoing.
import { runProgram, type ProgramResult } from '../../../shared/util/run-program.js';

export interface SandboxNetworkSettings {
  /** The node's pod bridge, e.g. "bosun0". */
  readonly bridge: string;
  readonly gateway: string;
  readonly prefixLength: number;
  /** 0 or undefined: the kernel's default. */
  readonly mtu?: number;
}

export interface SandboxNetwork {
  /** Wires the sandbox `sandboxId`, whose first process is `pid`, to the bridge as `ip`. */
  attach(sandboxId: string, pid: number, ip: string, signal: AbortSignal): Promise<void>;
  /** The sandboxes (by their ids' host link names) that have their link on this host now. */
  hostLinks(signal: AbortSignal): Promise<Set<string>>;
}

/** The host end of a sandbox's veth: "bv" and the first 12 hex digits of its id (15 at most, as Linux allows). */
export const hostLinkName = (sandboxId: string): string => `bv${sandboxId.slice(0, 12)}`;

export class SandboxNetworkError extends Error {
  override readonly name = 'SandboxNetworkError';
}

/** The commands `attach` runs (pure, for the unit test): on the host, then in the pod's namespace. */
export function attachCommands(s: SandboxNetworkSettings, sandboxId: string, pid: number, ip: string): { host: string; pod: string } {
  const link = hostLinkName(sandboxId);
  const mtu = s.mtu !== undefined && s.mtu > 0 ? ` mtu ${s.mtu}` : '';
  const host = [
    `link add ${link}${mtu} type veth peer name eth0${mtu} netns ${pid}`,
    `link set dev ${link} master ${s.bridge}`,
    `link set dev ${link} type bridge_slave hairpin on`,
    `link set dev ${link} up`,
  ];
  const pod = [
    'link set dev lo up',
    `addr add ${ip}/${s.prefixLength} dev eth0`,
    'link set dev eth0 up',
    `route add default via ${s.gateway} dev eth0`,
  ];
  return { host: `${host.join('\n')}\n`, pod: `${pod.join('\n')}\n` };
}

type Run = (cmd: string, args: readonly string[], signal: AbortSignal, input?: string) => Promise<ProgramResult>;

export class VethSandboxNetwork implements SandboxNetwork {
  constructor(private readonly s: SandboxNetworkSettings, private readonly run: Run = runProgram) {}

  async attach(sandboxId: string, pid: number, ip: string, signal: AbortSignal): Promise<void> {
    if (!Number.isInteger(pid) || pid <= 0) throw new SandboxNetworkError(`sandbox ${sandboxId.slice(0, 12)} has no process to wire (pid ${pid})`);
    const cmds = attachCommands(this.s, sandboxId, pid, ip);
    const host = await this.run('ip', ['-batch', '-'], signal, cmds.host);
    if (host.code !== 0) {
      // A half-made pair would keep its name taken: remove it (gone anyway if it was never made).
      await this.run('ip', ['link', 'del', hostLinkName(sandboxId)], signal);
      throw new SandboxNetworkError(`adding the veth of sandbox ${sandboxId.slice(0, 12)} to ${this.s.bridge}: ${host.stderr.trim()}`);
    }
    const pod = await this.run('nsenter', [`--net=/proc/${pid}/ns/net`, 'ip', '-batch', '-'], signal, cmds.pod);
    if (pod.code !== 0) throw new SandboxNetworkError(`configuring eth0 ${ip} in sandbox ${sandboxId.slice(0, 12)}: ${pod.stderr.trim()}`);
  }

  async hostLinks(signal: AbortSignal): Promise<Set<string>> {
    const r = await this.run('ip', ['-o', 'link', 'show', 'master', this.s.bridge], signal);
    if (r.code !== 0) throw new SandboxNetworkError(`listing the ports of ${this.s.bridge}: ${r.stderr.trim()}`);
    // "12: bv0123456789ab@if3: <BROADCAST,…> mtu 1500 master bosun0 …"
    return new Set(r.stdout.split('\n').map((l) => /^\d+:\s+([^@:\s]+)/.exec(l)?.[1]).filter((n): n is string => n !== undefined));
  }
}
