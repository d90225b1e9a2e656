// IPv4 ranges for service IP allocation.

export interface Ipv4Range {
  readonly base: number;    // network address as an unsigned 32-bit number
  readonly size: number;    // number of addresses
  readonly cidr: string;
}

export function ipToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function parseCidr(cidr: string): Ipv4Range {
  const [ip, bits] = cidr.split('/');
  const base = ipToNumber(ip ?? '');
  const b = Number(bits);
  if (base === undefined || !Number.isInteger(b) || b < 8 || b > 30) throw new Error(`invalid IPv4 CIDR ${JSON.stringify(cidr)} (want a.b.c.d/8 to /30)`);
  const size = 2 ** (32 - b);
  return { base: base - (base % size), size, cidr };
}

export function inRange(r: Ipv4Range, ip: string): boolean {
  const n = ipToNumber(ip);
  return n !== undefined && n > r.base && n < r.base + r.size - 1;
}

/** The n-th address of the range (1 = the first usable). */
export function nthAddress(r: Ipv4Range, n: number): string {
  return numberToIp(r.base + n);
}
