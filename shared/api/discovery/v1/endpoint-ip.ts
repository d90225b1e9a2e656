// Address checks for endpoint IPs: IsValidIPv4Address / IsValidIPv6Address
// (apimachinery/pkg/util/validation) and ValidateEndpointIP (pkg/apis/core/validation), with
// Go's net.IP semantics: an IPv4-mapped IPv6 address counts as IPv4.
import { type FieldError, invalid } from '../../validation/field-error.js';
import { ipFamily } from '../../validation/ip.js';

/** The 16 bytes of a valid address (IPv4 as ::ffff:a.b.c.d), or undefined. */
function ipBytes(s: string): number[] | undefined {
  const family = ipFamily(s);
  if (family === undefined) return undefined;
  if (family === 4) return [...Array<number>(10).fill(0), 0xff, 0xff, ...s.split('.').map((o) => parseInt(o, 10))];
  let text = s;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map((o) => parseInt(o, 10)) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

const isMappedIPv4 = (b: readonly number[]): boolean =>
  b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;

export function validateIPv4Address(value: string, path: string): FieldError[] {
  const b = ipBytes(value);
  return b !== undefined && isMappedIPv4(b) ? [] : [invalid(path, value, 'must be a valid IPv4 address')];
}

export function validateIPv6Address(value: string, path: string): FieldError[] {
  const b = ipBytes(value);
  return b !== undefined && !isMappedIPv4(b) ? [] : [invalid(path, value, 'must be a valid IPv6 address')];
}

/** No unspecified, loopback, link-local or link-local multicast address may be an endpoint. */
export function validateEndpointIP(value: string, path: string): FieldError[] {
  const b = ipBytes(value);
  if (b === undefined) return [invalid(path, value, 'must be a valid IP address')];
  const v4 = isMappedIPv4(b) ? b.slice(12) : undefined;
  const errs: FieldError[] = [];
  const unspecified = (v4 ?? b).every((x) => x === 0);
  if (unspecified) errs.push(invalid(path, value, `may not be unspecified (${value})`));
  const loopback = v4 !== undefined ? v4[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1;
  if (loopback) errs.push(invalid(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  const linkLocal = v4 !== undefined ? v4[0] === 169 && v4[1] === 254 : b[0] === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80;
  if (linkLocal) errs.push(invalid(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  const linkLocalMulticast = v4 !== undefined ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 :
    b[0] === 0xff && ((b[1] ?? 0) & 0x0f) === 0x02;
  if (linkLocalMulticast) {
    errs.push(invalid(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}
