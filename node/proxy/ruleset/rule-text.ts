// A ruleset being written: per table, chains in the order first named, each with its rule
// lines ("-A CHAIN …"). Builders only append; build.ts cuts what one service port wrote into
// its own chains and its share of the shared chains, and render.ts turns a ruleset into
// iptables-restore input.
import type { ChainKind } from './names.js';

export type TableName = 'nat' | 'filter';
export const tables: readonly TableName[] = ['filter', 'nat'];

export class RuleText {
  readonly chains = new Map<string, string[]>();

  /** Declares `name` (idempotent); its rules come from rule(). */
  chain(name: string): void {
    if (!this.chains.has(name)) this.chains.set(name, []);
  }

  /** Appends "-A <chain> <args>", declaring the chain if needed. */
  rule(chain: string, args: string): void {
    let rules = this.chains.get(chain);
    if (rules === undefined) { rules = []; this.chains.set(chain, rules); }
    rules.push(`-A ${chain} ${args}`);
  }
}

/** A chain of one service port (BOSUN-SVC-/SEP-/FW-/XLB-…), all its rules. */
export interface OwnChain {
  readonly table: TableName;
  readonly name: string;
  readonly kind: ChainKind;
  /** Its rule lines joined by "\n" (only this is kept: ten thousand services' rules live long). */
  readonly body: string;
  /** How many rules. */
  readonly rules: number;
}

/** Everything one service port puts into the tables. Reused while its inputs stay the same. */
export interface PortRules {
  readonly id: string;
  /** Its chains: SVC, its SEPs, XLB, FW. */
  readonly chains: readonly OwnChain[];
  /** Its rules in the shared chains, by "table/chain" (BOSUN-SERVICES, BOSUN-NODEPORTS, …). */
  readonly shared: ReadonlyMap<string, readonly string[]>;
}

/** A shared chain (fixed name, rules of every service port): BOSUN-SERVICES, BOSUN-MARK-MASQ, … */
export interface SharedChain {
  readonly table: TableName;
  readonly name: string;
  readonly lines: readonly string[];
  /** Written before the service ports' chains (they jump to it) instead of after them. */
  readonly leaf: boolean;
}

export interface Ruleset {
  /** Sorted by id, as the snapshot. */
  readonly ports: readonly PortRules[];
  /** In declaration order, filter first. */
  readonly shared: readonly SharedChain[];
}

export type TableSizes = Record<TableName, { rules: number; chains: number }>;

/** Rules and chains per table, in one pass. */
export function tableSizes(rs: Ruleset): TableSizes {
  const out = { filter: { rules: 0, chains: 0 }, nat: { rules: 0, chains: 0 } };
  for (const c of rs.shared) {
    out[c.table].rules += c.lines.length;
    out[c.table].chains++;
  }
  for (const p of rs.ports) {
    for (const c of p.chains) {
      out[c.table].rules += c.rules;
      out[c.table].chains++;
    }
  }
  return out;
}

export const comment = (text: string): string => `-m comment --comment "${text.replace(/["\\]/g, '')}"`;
