// The proxy's iptables backend: the node's (shared/util/iptables-backend.ts, the same choice as
// `bosun network`'s), or one named by --iptables-backend.
import type { IptablesMode } from '../../shared/util/iptables-backend.js';

export type Backend = IptablesMode;
export type BackendChoice = Backend | 'auto';
