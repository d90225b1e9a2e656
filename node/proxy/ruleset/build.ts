// The ruleset from a snapshot: pure, the same snapshot always gives the same rules. Each
// service port's rules are built on their own (its chains and its share of the shared chains)
// and kept by RulesetBuilder while the port's inputs stay the same, so a sync after one
// change rebuilds one port, not ten thousand.
import type { ProxySnapshot, ServicePortInfo, SnapshotContext } from '../snapshot.js';
import { sepNames } from './endpoints.js';
import { writeForward, writePortFirewall } from './firewall.js';
import { writeMasquerade } from './masquerade.js';
import { EXTERNAL_SERVICES, FORWARD, MARK_MASQ, NODEPORTS, POSTROUTING, SERVICES, chainKind } from './names.js';
import { nodePortsJump, writeExternalPort } from './nodeports.js';
import { RuleText, tables, type OwnChain, type PortRules, type Ruleset, type SharedChain, type TableName } from './rule-text.js';
import { writeServicePort } from './services.js';

/** The rules of one service port. */
export function buildPort(ctx: SnapshotContext, sp: ServicePortInfo): PortRules {
  const text = { filter: new RuleText(), nat: new RuleText() };
  writePortFirewall(sp, text.filter);
  const seps = sepNames(sp);
  writeServicePort(ctx, sp, seps, text.nat);
  writeExternalPort(ctx, sp, seps, text.nat);
  const chains: OwnChain[] = [];
  const shared = new Map<string, readonly string[]>();
  for (const table of tables) {
    for (const [name, lines] of text[table].chains) {
      const kind = chainKind(name);
      if (kind === undefined) shared.set(`${table}/${name}`, lines);
      else chains.push({ table, name, kind, body: lines.join('\n'), rules: lines.length });
    }
  }
  return { id: sp.id, chains, shared };
}

/** The shared chains in declaration order: [table, name, leaf]. */
export const sharedOrder: readonly (readonly [TableName, string, boolean])[] = [
  ['filter', SERVICES, false], ['filter', EXTERNAL_SERVICES, false], ['filter', FORWARD, false],
  ['nat', SERVICES, false], ['nat', NODEPORTS, false], ['nat', POSTROUTING, true], ['nat', MARK_MASQ, true],
];

/** The shared chains: every port's share in port order, and the fixed rules. */
export function sharedChains(ctx: SnapshotContext, ports: readonly Pick<PortRules, 'id' | 'shared'>[]): SharedChain[] {
  const lines = new Map<string, string[]>(sharedOrder.map(([t, n]) => [`${t}/${n}`, []]));
  for (const p of ports) {
    for (const [key, rules] of p.shared) {
      const into = lines.get(key);
      if (into === undefined) throw new Error(`service port ${p.id} wrote into unknown chain ${key}`);
      for (const r of rules) into.push(r);
    }
  }
  const fixed = { filter: new RuleText(), nat: new RuleText() };
  writeForward(ctx, fixed.filter);
  writeMasquerade(fixed.nat);
  for (const table of tables) for (const [name, rules] of fixed[table].chains) lines.get(`${table}/${name}`)!.push(...rules);
  lines.get(`nat/${SERVICES}`)!.push(nodePortsJump);       // must stay the last rule of BOSUN-SERVICES
  return sharedOrder.map(([table, name, leaf]) => ({ table, name, leaf, lines: lines.get(`${table}/${name}`)! }));
}

/** `input`: the port's JSON, made only once an object with the same id but another identity comes. */
interface Cached { sp: ServicePortInfo; input: string | undefined; rules: PortRules }

/** Builds rulesets, keeping each service port's rules while its inputs are unchanged. */
export class RulesetBuilder {
  private readonly cache = new Map<string, Cached>();
  private ctx = '';
  /** Ports built (not reused) by the last build(). */
  rebuilt = 0;

  /** The ruleset of `snap`, its ports sorted by id (the snapshot's order; a hand-made one is sorted here). */
  build(snap: ProxySnapshot): Ruleset {
    const ctx = `${snap.clusterCIDR}|${String(snap.masqueradeAll)}|${String(snap.largeCluster)}`;
    if (ctx !== this.ctx) { this.cache.clear(); this.ctx = ctx; }
    const ports: PortRules[] = [];
    this.rebuilt = 0;
    for (const sp of snap.servicePorts) {
      const hit = this.cache.get(sp.id);
      let rules: PortRules;
      if (hit !== undefined && hit.sp === sp) rules = hit.rules;
      else {
        const input = hit === undefined ? undefined : JSON.stringify(sp);
        if (hit !== undefined && (hit.input ??= JSON.stringify(hit.sp)) === input) {
          hit.sp = sp;
          hit.input = input;
          rules = hit.rules;
        } else {
          rules = buildPort(snap, sp);
          this.cache.set(sp.id, { sp, input, rules });
          this.rebuilt++;
        }
      }
      ports.push(rules);
    }
    if (this.cache.size > ports.length) {
      const ids = new Set(ports.map((p) => p.id));
      for (const id of this.cache.keys()) if (!ids.has(id)) this.cache.delete(id);
    }
    if (!ports.every((p, i) => i === 0 || ports[i - 1]!.id < p.id)) ports.sort(byPortId);
    return { ports, shared: sharedChains(snap, ports) };
  }
}

/** Ports in a ruleset's order: by id. */
export const byPortId = (a: { readonly id: string }, b: { readonly id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A ruleset without a cache (tests, the benchmark's raw file). */
export const buildRuleset = (snap: ProxySnapshot): Ruleset => new RulesetBuilder().build(snap);

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
