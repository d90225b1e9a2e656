// The whole ruleset from a snapshot: pure, the same snapshot always gives the same text.
import type { ProxySnapshot } from '../snapshot.js';
import { writeFirewall } from './firewall.js';
import { writeMasquerade } from './masquerade.js';
import { EXTERNAL_SERVICES, FORWARD, MARK_MASQ, NODEPORTS, POSTROUTING, SERVICES } from './names.js';
import { writeExternal } from './nodeports.js';
import { RuleText, type Ruleset } from './rule-text.js';
import { writeServices } from './services.js';

export function buildRuleset(snap: ProxySnapshot): Ruleset {
  const filter = new RuleText();
  const nat = new RuleText();
  for (const c of [SERVICES, EXTERNAL_SERVICES, FORWARD]) filter.chain(c);
  for (const c of [SERVICES, NODEPORTS, POSTROUTING, MARK_MASQ]) nat.chain(c);
  writeFirewall(snap, filter);
  writeMasquerade(nat);
  writeServices(snap, nat);
  writeExternal(snap, nat);
  return { filter, nat };
}

/** The jumps from built-in chains into ours: [table, chain, rule args], checked with -C and added with -I. */
export interface Hook { readonly table: 'nat' | 'filter'; readonly chain: string; readonly args: string[] }

const ct = ['-m', 'conntrack', '--ctstate', 'NEW'];
const c = (text: string): string[] => ['-m', 'comment', '--comment', text];
export const hooks: readonly Hook[] = [
  { table: 'filter', chain: 'INPUT', args: [...ct, ...c('bosun externally-visible service portals'), '-j', EXTERNAL_SERVICES] },
  { table: 'filter', chain: 'FORWARD', args: [...ct, ...c('bosun service portals'), '-j', SERVICES] },
  { table: 'filter', chain: 'FORWARD', args: [...ct, ...c('bosun externally-visible service portals'), '-j', EXTERNAL_SERVICES] },
  { table: 'filter', chain: 'FORWARD', args: [...c('bosun forwarding rules'), '-j', FORWARD] },
  { table: 'filter', chain: 'OUTPUT', args: [...ct, ...c('bosun service portals'), '-j', SERVICES] },
  { table: 'nat', chain: 'PREROUTING', args: [...c('bosun service portals'), '-j', SERVICES] },
  { table: 'nat', chain: 'OUTPUT', args: [...c('bosun service portals'), '-j', SERVICES] },
  { table: 'nat', chain: 'POSTROUTING', args: [...c('bosun postrouting rules'), '-j', POSTROUTING] },
];
