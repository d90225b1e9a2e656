// Which iptables backend a node uses: the one Docker wrote its rules into. As kube-proxy's
// iptables-wrapper does, count the rules each backend's save prints; a DOCKER chain decides
// first, and with nothing anywhere the nft backend (Debian's default) wins.

export type Backend = 'nft' | 'legacy';
export type BackendChoice = Backend | 'auto';

export interface Binaries {
  readonly iptables: string;
  readonly save: string;
  readonly restore: string;
}

export const binaries = (b: Backend): Binaries => ({
  iptables: `iptables-${b}`, save: `iptables-${b}-save`, restore: `iptables-${b}-restore`,
});

const hasDocker = (save: string): boolean => /^:DOCKER /m.test(save);
const ruleCount = (save: string): number => save.split('\n').filter((l) => l.startsWith('-')).length;

/** Pure: the backend from the two saves' text. */
export function chooseBackend(legacySave: string, nftSave: string): Backend {
  const dl = hasDocker(legacySave);
  const dn = hasDocker(nftSave);
  if (dl !== dn) return dl ? 'legacy' : 'nft';
  return ruleCount(legacySave) > ruleCount(nftSave) ? 'legacy' : 'nft';
}
