// A ruleset being written: per table, chains in the order first named, each with its rule
// lines ("-A CHAIN …"). Builders only append; render.ts turns it into iptables-restore input.

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

  get ruleCount(): number {
    let n = 0;
    for (const r of this.chains.values()) n += r.length;
    return n;
  }
}

export interface Ruleset {
  readonly filter: RuleText;
  readonly nat: RuleText;
}

export const comment = (text: string): string => `-m comment --comment "${text.replace(/["\\]/g, '')}"`;
