// Pod IP addresses on this node's podCIDR (pure), as the host-local IPAM of CNI hands them out:
// the lower half of the range, after the gateway, round-robin from the last one given (an
// address is not reused at once). The upper half is left to Docker's own IPAM on the pod
// network, for containers someone attaches there by hand. The sandboxes' labels are the lasting
// record (an address is written on its sandbox when it is made), so after a restart `observe`
// rebuilds what is taken from the sandboxes that exist; an address given out but not yet seen
// on a sandbox stays taken for `pendingMs`, the time its create may take.
import { numberToIp, ipToNumber, parseCidr, type Ipv4Range } from '../../../shared/util/cidr.js';

export class PodIPsExhaustedError extends Error {
  override readonly name = 'PodIPsExhaustedError';
}

export class PodIPs {
  private readonly range: Ipv4Range;
  /** Offsets from the range's base that pods may get: first..last. */
  private readonly first: number;
  private readonly last: number;
  private cursor: number;
  /** Taken offsets: on a live sandbox (`since` undefined) or given out at `since` (ms). */
  private readonly taken = new Map<number, { since?: number }>();

  constructor(cidr: string, private readonly pendingMs = 60_000) {
    this.range = parseCidr(cidr);
    this.first = 2;                                        // .0 is the network, .1 the bridge
    this.last = Math.max(this.first, this.range.size / 2 - 1);
    this.cursor = this.first - 1;
  }

  get prefixLength(): number { return 32 - Math.log2(this.range.size); }
  get gateway(): string { return numberToIp(this.range.base + 1); }

  /** The range Docker's IPAM may use on the same network (the upper half), as a CIDR. */
  get dockerRange(): string { return `${numberToIp(this.range.base + this.range.size / 2)}/${this.prefixLength + 1}`; }

  /** A free address, taken until `observe` no longer sees it and `pendingMs` have passed. */
  allocate(now: number): string {
    const span = this.last - this.first + 1;
    for (let i = 1; i <= span; i++) {
      const off = this.first + ((this.cursor - this.first + i) % span);
      if (this.taken.has(off)) continue;
      this.cursor = off;
      this.taken.set(off, { since: now });
      return numberToIp(this.range.base + off);
    }
    throw new PodIPsExhaustedError(`no free pod IP left in ${this.range.cidr} (${span} addresses for pods, all taken)`);
  }

  /** Gives `ip` back at once (its sandbox was removed, or never made). */
  release(ip: string): void {
    const off = this.offsetOf(ip);
    if (off !== undefined) this.taken.delete(off);
  }

  /**
   * What the runtime shows: the addresses of the sandboxes that exist. They are taken; every
   * other address is free again once its grace for a create in flight has passed.
   */
  observe(live: Iterable<string>, now: number): void {
    const seen = new Set<number>();
    for (const ip of live) {
      const off = this.offsetOf(ip);
      if (off === undefined) continue;
      seen.add(off);
      this.taken.set(off, {});
    }
    for (const [off, t] of this.taken) {
      if (seen.has(off)) continue;
      if (t.since === undefined || now - t.since >= this.pendingMs) this.taken.delete(off);
    }
  }

  /** How many addresses are taken now. */
  get inUse(): number { return this.taken.size; }

  private offsetOf(ip: string): number | undefined {
    const n = ipToNumber(ip);
    if (n === undefined) return undefined;
    const off = n - this.range.base;
    return off >= this.first && off <= this.last ? off : undefined;
  }
}
