// Which iptables backend to write to: the one Docker (or anything else) already uses on this
// host. As kube-proxy's iptables-wrapper does, compare what `iptables-legacy-save` and
// `iptables-nft-save` print and take the one holding more rules; with neither holding any,
// follow the host's plain `iptables`. Mixing backends in one namespace breaks both.

export interface IptablesBackend {
  readonly mode: 'legacy' | 'nft';
  readonly iptables: string;
  readonly restore: string;
}

export const backends: Readonly<Record<IptablesBackend['mode'], IptablesBackend>> = {
  legacy: { mode: 'legacy', iptables: 'iptables-legacy', restore: 'iptables-legacy-restore' },
  nft: { mode: 'nft', iptables: 'iptables-nft', restore: 'iptables-nft-restore' },
};

const ruleCount = (dump: string | undefined): number =>
  dump === undefined ? 0 : dump.split('\n').filter((l) => l.startsWith('-A ')).length;

/** `defaultVersion`: what `iptables --version` printed ("iptables v1.8.9 (nf_tables)" or "(legacy)"). */
export function chooseBackend(seen: { legacy: string | undefined; nft: string | undefined; defaultVersion: string }): IptablesBackend {
  const legacy = ruleCount(seen.legacy);
  const nft = ruleCount(seen.nft);
  if (legacy > nft) return backends.legacy;
  if (nft > legacy) return backends.nft;
  return /legacy/.test(seen.defaultVersion) ? backends.legacy : backends.nft;
}
