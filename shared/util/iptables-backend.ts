// Which iptables backend a node's agents write to: the one Docker (or anything else) already
// uses on this host, so `bosun network` and `bosun proxy` always agree (mixing backends in one
// namespace breaks both). As kube-proxy's iptables-wrapper does: a DOCKER chain decides first,
// then the backend whose save holds more rules, and with nothing anywhere the host's plain
// `iptables` (its --version names the backend it links).
import type { ProgramResult } from './run-program.js';

export type IptablesMode = 'legacy' | 'nft';

export interface IptablesBinaries {
  readonly mode: IptablesMode;
  readonly iptables: string;
  readonly save: string;
  readonly restore: string;
}

export const iptablesBinaries = (mode: IptablesMode): IptablesBinaries => ({
  mode, iptables: `iptables-${mode}`, save: `iptables-${mode}-save`, restore: `iptables-${mode}-restore`,
});

const hasDocker = (save: string): boolean => /^:DOCKER /m.test(save);
const ruleCount = (save: string): number => save.split('\n').filter((l) => l.startsWith('-A ')).length;

/**
 * Pure: the backend from both saves ('' when a save failed) and what `iptables --version`
 * printed ("iptables v1.8.9 (nf_tables)" or "(legacy)"; '' when unknown, then nft, Debian's default).
 */
export function chooseIptablesMode(seen: { legacy: string; nft: string; defaultVersion: string }): IptablesMode {
  const dl = hasDocker(seen.legacy);
  const dn = hasDocker(seen.nft);
  if (dl !== dn) return dl ? 'legacy' : 'nft';
  const legacy = ruleCount(seen.legacy);
  const nft = ruleCount(seen.nft);
  if (legacy !== nft) return legacy > nft ? 'legacy' : 'nft';
  return /legacy/.test(seen.defaultVersion) ? 'legacy' : 'nft';
}

/** Runs both saves and `iptables --version` through `run` and chooses. */
export async function detectIptablesMode(run: (cmd: string, args: readonly string[]) => Promise<ProgramResult>): Promise<IptablesMode> {
  const [legacy, nft, version] = await Promise.all([run('iptables-legacy-save', []), run('iptables-nft-save', []), run('iptables', ['--version'])]);
  return chooseIptablesMode({
    legacy: legacy.code === 0 ? legacy.stdout : '',
    nft: nft.code === 0 ? nft.stdout : '',
    defaultVersion: version.code === 0 ? version.stdout : '',
  });
}
