// ValidateNonSpecialIP (pkg/apis/core/validation): endpoint and external IPs may not be
// unspecified, loopback or link-local addresses.
import { type FieldError, invalid } from '../../../validation/field-error.js';
import { ipFamily } from '../../../validation/ip.js';

const v4Bytes = (s: string): number[] => s.split('.').map((o) => parseInt(o, 10));

/** The 16 bytes of an IP (IPv4 as ::ffff:a.b.c.d); undefined when it is not one. */
export function ipBytes(s: string): number[] | undefined {
  const family = ipFamily(s);
  if (family === undefined) return undefined;
  if (family === 4) return [...Array<number>(10).fill(0), 0xff, 0xff, ...v4Bytes(s)];
  let text = s;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = v4Bytes(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = all.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

const isV4Mapped = (b: readonly number[]): boolean => b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;

export function validateNonSpecialIP(ip: string, path: string): FieldError[] {
  const b = ipBytes(ip);
  if (b === undefined) return [invalid(path, ip, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  const v4 = isV4Mapped(b);
  const unspecified = v4 ? b.slice(12).every((x) => x === 0) : b.every((x) => x === 0);
  const loopback = v4 ? b[12] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1;
  const linkLocal = v4 ? b[12] === 169 && b[13] === 254 : b[0] === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80;
  const linkLocalMulticast = v4 ? b[12] === 224 && b[13] === 0 && b[14] === 0 : b[0] === 0xff && ((b[1] ?? 0) & 0x0f) === 0x02;
  if (unspecified) errs.push(invalid(path, ip, `may not be unspecified (${ip})`));
  if (loopback) errs.push(invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocal) errs.push(invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (linkLocalMulticast) errs.push(invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}
