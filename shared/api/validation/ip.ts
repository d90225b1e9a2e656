// IP and CIDR syntax as Kubernetes accepts it (k8s.io/utils/net ParseIPSloppy and
// ParseCIDRSloppy): Go's classic parser, which tolerates leading zeros in IPv4 octets.

export type IPFamily = 4 | 6;

/** The leading run of decimal (radix 10) or hex (radix 16) digits and its value. */
function leadingNumber(s: string, radix: 10 | 16): { value: number; length: number } | undefined {
  const digits = radix === 10 ? /^[0-9]+/ : /^[0-9a-fA-F]+/;
  const run = digits.exec(s)?.[0];
  if (run === undefined) return undefined;
  return { value: parseInt(run, radix), length: run.length };
}

function isIPv4(s: string): boolean {
  let rest = s;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (rest[0] !== '.') return false;
      rest = rest.slice(1);
    }
    const n = leadingNumber(rest, 10);
    if (n === undefined || n.value > 0xff) return false;
    rest = rest.slice(n.length);
  }
  return rest === '';
}

function isIPv6(s: string): boolean {
  let rest = s;
  let groups = 0;             // 16-bit groups written out
  let ellipsis = false;
  if (rest.startsWith('::')) {
    ellipsis = true;
    rest = rest.slice(2);
    if (rest === '') return true;
  }
  while (groups < 8) {
    const n = leadingNumber(rest, 16);
    if (n === undefined || n.value > 0xffff) return false;
    if (rest[n.length] === '.') {                          // a trailing dotted IPv4 part
      if ((!ellipsis && groups !== 6) || groups + 2 > 8 || !isIPv4(rest)) return false;
      groups += 2;
      rest = '';
      break;
    }
    groups++;
    rest = rest.slice(n.length);
    if (rest === '') break;
    if (rest[0] !== ':' || rest.length === 1) return false;
    rest = rest.slice(1);
    if (rest[0] === ':') {
      if (ellipsis) return false;
      ellipsis = true;
      rest = rest.slice(1);
      if (rest === '') break;
    }
  }
  if (rest !== '') return false;
  return groups < 8 ? ellipsis : !ellipsis;   // "::" must stand for at least one group
}

/** The family of a valid address, or undefined. */
export function ipFamily(s: string): IPFamily | undefined {
  for (const c of s) {
    if (c === '.') return isIPv4(s) ? 4 : undefined;
    if (c === ':') return isIPv6(s) ? 6 : undefined;
  }
  return undefined;
}

/** "10.0.0.0/8", "2001:db8::/64": an address, a slash, and a prefix length that fits it. */
export function isCIDR(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const addr = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  const max = isIPv4(addr) ? 32 : isIPv6(addr) ? 128 : undefined;
  return max !== undefined && /^[0-9]+$/.test(bits) && parseInt(bits, 10) <= max;
}
