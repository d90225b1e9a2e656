// Bosun's chain names: fixed top-level chains, and per-service/per-endpoint chains named by
// prefix plus 16 base32 characters of a SHA-256, as kube-proxy names its KUBE-SVC-/KUBE-SEP-.
import { hash } from 'node:crypto';

export const prefix = 'BOSUN-';
export const SERVICES = 'BOSUN-SERVICES';
export const NODEPORTS = 'BOSUN-NODEPORTS';
export const POSTROUTING = 'BOSUN-POSTROUTING';
export const MARK_MASQ = 'BOSUN-MARK-MASQ';
export const FORWARD = 'BOSUN-FORWARD';
export const EXTERNAL_SERVICES = 'BOSUN-EXTERNAL-SERVICES';

/** The mark bit that asks BOSUN-POSTROUTING to masquerade (kube-proxy's 0x4000). */
export const masqMark = '0x4000';

export type ChainKind = 'SVC' | 'SEP' | 'FW' | 'XLB';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The first 16 characters of the RFC 4648 base32 of the first 10 bytes. */
function base32x16(bytes: Buffer): string {
  const out: string[] = [];
  let bits = 0;
  let value = 0;
  for (let i = 0; i < 10; i++) {
    value = (value << 8) | bytes[i]!;
    bits += 8;
    while (bits >= 5) {
      out.push(alphabet[(value >>> (bits - 5)) & 31]!);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.join('');
}

/** "BOSUN-SVC-" + 16 hash characters of `seed` (at most 26 characters, under iptables' 28). */
export function chainName(kind: ChainKind, seed: string): string {
  return `${prefix}${kind}-${base32x16(hash('sha256', seed, 'buffer'))}`;
}

/** The seed of an endpoint chain: the service port id and the endpoint address. */
export const endpointSeed = (servicePortId: string, ip: string, port: number): string => `${servicePortId}/${ip}:${port}`;

const kinds: readonly ChainKind[] = ['SVC', 'SEP', 'FW', 'XLB'];
const fixed = new Set([SERVICES, NODEPORTS, POSTROUTING, MARK_MASQ, FORWARD, EXTERNAL_SERVICES]);

/**
 * A chain the proxy owns: one of its fixed chains or a per-service one (prefix, kind, 16 hash
 * characters). Not every "BOSUN-" chain: `bosun network` owns BOSUN-NET on the same node, and
 * a full sync deletes every chain of ours that is not wanted.
 */
export const isOwnChain = (name: string): boolean => fixed.has(name) || chainKind(name) !== undefined;

/** The kind of a per-service chain ("BOSUN-SEP-…" → 'SEP'); undefined for the shared ones. */
export function chainKind(name: string): ChainKind | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const dash = name.indexOf('-', prefix.length);
  const k = name.slice(prefix.length, dash);
  return dash > 0 && name.length === dash + 17 ? kinds.find((x) => x === k) : undefined;
}
