// Pure: the pod CIDRs of one IPv4 cluster CIDR, cut into subnets of one mask size, as
// Kubernetes' cidrset keeps them (pkg/controller/nodeipam/ipam/cidrset): a bitmap of used
// subnets; allocation goes round from just after the last one handed out, so a freed subnet is
// not handed out again at once while others are free.

export type OccupyResult = 'occupied' | 'alreadyOccupied' | 'outOfRange' | 'invalid';

interface Ipv4Cidr { readonly base: number; readonly bits: number }

/** "10.244.3.0/24" → its network number and prefix length; undefined when not IPv4 CIDR syntax. */
export function parseIpv4Cidr(cidr: string): Ipv4Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (m === null) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const ip = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - bits);
  return { base: ip - (ip % size), bits };
}

const formatIp = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** Kubernetes refuses more than 2^16 subnets per cluster CIDR (clusterSubnetMaxDiff). */
const maxSubnetBits = 16;

export class CidrSet {
  readonly clusterCIDR: string;
  readonly maskSize: number;
  /** How many subnets there are. */
  readonly capacity: number;
  private readonly base: number;
  private readonly bits: number;
  private readonly used: Uint8Array;
  private count = 0;
  private next = 0;

  /** Throws for a cluster CIDR that is not IPv4, or a mask size that does not fit it. */
  constructor(clusterCIDR: string, maskSize: number) {
    const c = parseIpv4Cidr(clusterCIDR);
    if (c === undefined) throw new Error(`cluster CIDR ${JSON.stringify(clusterCIDR)} is not an IPv4 CIDR`);
    if (!Number.isInteger(maskSize) || maskSize < c.bits || maskSize > 32) {
      throw new Error(`node CIDR mask size ${maskSize} does not fit in cluster CIDR ${clusterCIDR}`);
    }
    if (maskSize - c.bits > maxSubnetBits) {
      throw new Error(`node CIDR mask size ${maskSize} cuts cluster CIDR ${clusterCIDR} into more than 2^${maxSubnetBits} subnets`);
    }
    this.clusterCIDR = clusterCIDR;
    this.maskSize = maskSize;
    this.base = c.base;
    this.bits = c.bits;
    this.capacity = 2 ** (maskSize - c.bits);
    this.used = new Uint8Array(this.capacity);
  }

  get allocated(): number {
    return this.count;
  }

  /** The next free subnet, or undefined when every one is taken. */
  allocateNext(): string | undefined {
    if (this.count >= this.capacity) return undefined;
    for (let i = 0; i < this.capacity; i++) {
      const candidate = (this.next + i) % this.capacity;
      if (this.used[candidate] === 0) {
        this.used[candidate] = 1;
        this.count++;
        this.next = (candidate + 1) % this.capacity;
        return this.subnet(candidate);
      }
    }
    return undefined;
  }

  /**
   * Marks `cidr` used (a node had it already). A CIDR wider than the mask size takes every
   * subnet it covers. 'alreadyOccupied' when any of them was taken: nothing is changed then.
   */
  occupy(cidr: string): OccupyResult {
    const r = this.indices(cidr);
    if (typeof r === 'string') return r;
    for (let i = r.from; i <= r.to; i++) if (this.used[i] === 1) return 'alreadyOccupied';
    for (let i = r.from; i <= r.to; i++) this.used[i] = 1;
    this.count += r.to - r.from + 1;
    return 'occupied';
  }

  /** Frees `cidr` (and every subnet it covers); unknown or foreign CIDRs are ignored. */
  release(cidr: string): void {
    const r = this.indices(cidr);
    if (typeof r === 'string') return;
    for (let i = r.from; i <= r.to; i++) {
      if (this.used[i] === 1) { this.used[i] = 0; this.count--; }
    }
  }

  private subnet(index: number): string {
    return `${formatIp(this.base + index * 2 ** (32 - this.maskSize))}/${this.maskSize}`;
  }

  private indices(cidr: string): { from: number; to: number } | 'outOfRange' | 'invalid' {
    const c = parseIpv4Cidr(cidr);
    if (c === undefined) return 'invalid';
    const clusterSize = 2 ** (32 - this.bits);
    const size = 2 ** (32 - c.bits);
    if (c.base < this.base || c.base + size > this.base + clusterSize) return 'outOfRange';
    const subnetSize = 2 ** (32 - this.maskSize);
    const from = Math.floor((c.base - this.base) / subnetSize);
    const to = Math.floor((c.base + size - 1 - this.base) / subnetSize);
    return { from, to };
  }
}
