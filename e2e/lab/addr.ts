// IPv4 addresses and CIDR blocks: parsing, overlap, and picking a lab subnet nothing uses.

export interface Cidr { readonly base: number; readonly bits: number }

export function parseIp(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) throw new Error(`not an IPv4 address: ${ip}`);
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function formatIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function parseCidr(cidr: string): Cidr {
  const [ip, bitsText] = cidr.split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (ip === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  const size = 2 ** (32 - bits);
  return { base: Math.floor(parseIp(ip) / size) * size, bits };
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.base)}/${c.bits}`;
}

const size = (c: Cidr): number => 2 ** (32 - c.bits);

export function contains(c: Cidr, ip: string): boolean {
  const n = parseIp(ip);
  return n >= c.base && n < c.base + size(c);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + size(b) && b.base < a.base + size(a);
}

/** The n-th address of a block (0 is the network address). */
export function nthIp(c: Cidr, n: number): string {
  if (n <= 0 || n >= size(c) - 1) throw new Error(`${formatCidr(c)} has no host number ${n}`);
  return formatIp(c.base + n);
}

export function isLoopback(ip: string): boolean {
  return ip === '::1' || ip === 'localhost' || (/^\d+\.\d+\.\d+\.\d+$/.test(ip) && contains(parseCidr('127.0.0.0/8'), ip));
}

/** Lab subnets tried in order when none is given: private, rarely routed, and away from Docker's pools. */
export const subnetCandidates: readonly string[] = [
  '172.31.250.0/24', '172.31.251.0/24', '172.31.252.0/24', '172.31.253.0/24',
  '10.253.250.0/24', '10.253.251.0/24', '192.168.250.0/24', '192.168.251.0/24',
];

/**
 * The first candidate that overlaps none of the destinations already routed here (`default`
 * excluded: it overlaps everything) and none of the subnets taken by other labs.
 */
export function pickSubnet(candidates: readonly string[], routed: readonly string[], taken: readonly string[]): string | undefined {
  const busy = [...routed.filter((r) => r !== 'default'), ...taken].map(parseCidr);
  return candidates.find((c) => busy.every((b) => !overlaps(parseCidr(c), b)));
}
