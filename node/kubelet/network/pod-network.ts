// The node's pod network as the pod syncs see it: an address for each new sandbox (pod-ips.ts),
// the wiring of the sandbox to the bridge (sandbox-network.ts), and after a kubelet restart the
// knowledge of which running sandboxes were wired before it died — a sandbox started but never
// wired has no network and must be made again.
import type { RuntimeContainer } from '../runtime/runtime.js';
import type { PodIPs } from './pod-ips.js';
import { hostLinkName, type SandboxNetwork } from './sandbox-network.js';

export class PodNetwork {
  private readonly wired = new Set<string>();

  constructor(private readonly ips: PodIPs, private readonly net: SandboxNetwork, private readonly now: () => number = Date.now) {}

  /** Learns what the sandboxes that exist hold and which of them are wired (once, at start). */
  async start(containers: readonly RuntimeContainer[], signal: AbortSignal): Promise<void> {
    this.observe(containers);
    for (const link of await this.net.hostLinks(signal)) this.wired.add(link);
  }

  /** Every sandbox that exists (running or not) keeps its address until it is removed. */
  observe(containers: readonly RuntimeContainer[]): void {
    const held = containers.filter((c) => c.identity.kind === 'sandbox' && c.identity.podIP !== undefined).map((c) => c.identity.podIP!);
    this.ips.observe(held, this.now());
  }

  allocate(): string { return this.ips.allocate(this.now()); }

  /** `ip` is free again: its sandbox was removed, or never made. */
  release(ip: string): void { this.ips.release(ip); }

  async attach(sandbox: RuntimeContainer, signal: AbortSignal): Promise<void> {
    const ip = sandbox.identity.podIP;
    if (ip === undefined) return;                          // host network
    await this.net.attach(sandbox.id, sandbox.pid ?? 0, ip, signal);
    this.wired.add(hostLinkName(sandbox.id));
  }

  /** False for a sandbox with a kubelet-given address whose link is not on the bridge. */
  isWired(sandbox: RuntimeContainer): boolean {
    return sandbox.identity.podIP === undefined || this.wired.has(hostLinkName(sandbox.id));
  }
}
