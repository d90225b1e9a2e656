// iptables-restore input from a ruleset. A full render writes every chain; a partial one
// writes only the chains whose rules differ from what was applied last (a service port whose
// inputs did not change is skipped whole), so a change to one service costs a few chains, not
// the whole table. Either way, chains that are ours but no longer wanted are flushed and
// deleted (declared, then -X); built-in and others' chains are never named.
//
// The text comes in phases, so it can be cut into several restores (the nft backend's
// --noflush restore grows quadratically with its input) without a jump ever naming a chain not
// yet loaded: 1. the leaf shared chains (BOSUN-MARK-MASQ, BOSUN-POSTROUTING) and the endpoint
// chains (BOSUN-SEP-), 2. the service chains (BOSUN-SVC-/XLB-/FW-, a port's together), 3. the
// dispatch chains (BOSUN-SERVICES, BOSUN-NODEPORTS, the filter chains), the stale chains'
// deletions and the hooks, always in one restore, so traffic moves from the old chains to the
// new ones at once. Phases 1 and 2 are cut every `maxLines` lines.
import type { SnapshotContext } from '../snapshot.js';
import { byPortId, sharedChains, sharedOrder } from './build.js';
import { isOwnChain } from './names.js';
import { tables, type PortRules, type Ruleset, type TableName, type TableSizes } from './rule-text.js';

/** What the kernel holds of ours after the restores. */
export interface Applied {
  /** The service ports' rules as applied, by id. */
  readonly ports: ReadonlyMap<string, PortRules>;
  /** The shared chains' rule lines, by "table/chain" (compared line by line: the lines of an unchanged port are the same strings). */
  readonly shared: ReadonlyMap<string, readonly string[]>;
}

export interface RenderOptions {
  /** undefined: a full render. */
  readonly previous: Applied | undefined;
  /** Our chains found in the kernel (e.g. left by an earlier process): "table/chain". */
  readonly existing?: ReadonlySet<string>;
  /** Rules for built-in chains (missing hooks: "-I PREROUTING …"), written after ours are declared. */
  readonly builtin?: Readonly<Partial<Record<TableName, readonly string[]>>>;
  /** Lines (declarations and rules) per restore in phases 1 and 2; default: no cut, one restore. */
  readonly maxLines?: number;
}

export interface Rendered {
  /** The restores to run in order; [] when there is nothing to do. */
  readonly restores: readonly string[];
  /** The restores joined ('' when there is nothing to do). */
  readonly text: string;
  readonly applied: Applied;
  readonly writtenChains: number;
  readonly deletedChains: readonly string[];
  readonly lines: number;
}

/** One chain's declaration and rules (joined), or a deletion / built-in rules (tail) of one table. */
interface Item {
  readonly table: TableName;
  readonly declare?: string;
  /** Its rule lines joined by "\n"; '' for none. */
  readonly body: string;
  /** Lines: declaration, rules and tail. */
  readonly size: number;
  readonly tail?: readonly string[];
}

export function renderRestore(rs: Ruleset, opts: RenderOptions): Rendered {
  const prev = opts.previous;
  const phases: [Item[], Item[], Item[]] = [[], [], []];
  let written = 0;
  const write = (phase: 0 | 1 | 2, table: TableName, name: string, rules: number, body: string): void => {
    phases[phase].push({ table, declare: `:${name} - [0:0]`, body, size: 1 + rules });
    written++;
  };
  const deleted: string[] = [];
  const phase3: { table: TableName; name: string; lines: readonly string[]; body: string }[] = [];

  const shared = new Map<string, readonly string[]>();
  for (const c of rs.shared) {
    const key = `${c.table}/${c.name}`;
    shared.set(key, c.lines);
    if (prev !== undefined && sameLines(prev.shared.get(key), c.lines)) continue;
    const body = c.lines.join('\n');
    if (c.leaf) write(0, c.table, c.name, c.lines.length, body);
    else phase3.push({ ...c, body });
  }

  const ports = new Map<string, PortRules>();
  const gone: { table: TableName; name: string }[] = [];
  for (const port of rs.ports) {
    ports.set(port.id, port);
    if (prev === undefined) {                             // full: every chain
      for (const c of port.chains) write(c.kind === 'SEP' ? 0 : 1, c.table, c.name, c.rules, c.body);
      continue;
    }
    const before = prev.ports.get(port.id);
    if (before === port) continue;                        // the same rules object: nothing changed
    const old = new Map<string, string>();
    for (const c of before?.chains ?? []) old.set(`${c.table}/${c.name}`, c.body);
    for (const c of port.chains) {
      const key = `${c.table}/${c.name}`;
      const was = old.get(key);
      old.delete(key);
      if (was === c.body) continue;
      write(c.kind === 'SEP' ? 0 : 1, c.table, c.name, c.rules, c.body);
    }
    for (const key of old.keys()) gone.push(split(key));
  }
  if (prev !== undefined) {
    for (const [id, before] of prev.ports) if (!ports.has(id)) for (const c of before.chains) gone.push({ table: c.table, name: c.name });
  }
  if (opts.existing !== undefined) {
    const named = new Set(gone.map((g) => `${g.table}/${g.name}`));
    for (const g of unwanted(opts.existing, chainKeys(rs))) if (!named.has(`${g.table}/${g.name}`)) gone.push(g);
  }

  for (const c of phase3) write(2, c.table, c.name, c.lines.length, c.body);
  gone.sort(byName);
  for (const g of gone) {
    if (!isOwnChain(g.name)) continue;
    phases[2].push({ table: g.table, declare: `:${g.name} - [0:0]`, body: '', size: 2, tail: [`-X ${g.name}`] });
    deleted.push(`${g.table}/${g.name}`);
  }
  for (const table of tables) {
    const b = opts.builtin?.[table] ?? [];
    if (b.length > 0) phases[2].push({ table, body: '', size: b.length, tail: b });
  }

  const { restores, lines } = pack(phases, opts.maxLines ?? Infinity);
  return { restores, text: restores.join(''), applied: { ports, shared }, writtenChains: written, deletedChains: deleted, lines };
}

function sameLines(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Chains of ours in the kernel ("table/chain") that are not `wanted` (a previous process's, or of a failed sync), by name. */
function unwanted(existing: ReadonlySet<string>, wanted: ReadonlySet<string>): { table: TableName; name: string }[] {
  return [...existing].filter((k) => !wanted.has(k)).map(split).filter((g) => isOwnChain(g.name)).sort(byName);
}

/** Every chain of `rs`, "table/chain". */
function chainKeys(rs: Ruleset): Set<string> {
  const keys = new Set<string>(rs.shared.map((c) => `${c.table}/${c.name}`));
  for (const p of rs.ports) for (const c of p.chains) keys.add(`${c.table}/${c.name}`);
  return keys;
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function split(key: string): { table: TableName; name: string } {
  const slash = key.indexOf('/');
  return { table: key.slice(0, slash) as TableName, name: key.slice(slash + 1) };
}

/** Into restores: phases 1 and 2 in order, cut after maxLines; phase 3 whole, in the last one. */
function pack(phases: readonly [Item[], Item[], Item[]], maxLines: number): { restores: string[]; lines: number } {
  const chunks: Item[][] = [];
  let cur: Item[] = [];
  let lines = 0;
  let total = 0;
  for (const phase of [phases[0], phases[1]]) {
    for (const item of phase) {
      if (lines >= maxLines) { chunks.push(cur); cur = []; lines = 0; }
      cur.push(item);
      lines += item.size;
      total += item.size;
    }
  }
  for (const item of phases[2]) { cur.push(item); total += item.size; }
  if (cur.length > 0) chunks.push(cur);
  const restores = chunks.map(restoreText);
  for (const r of restores) total += r.sections * 2;
  return { restores: restores.map((r) => r.text), lines: total };
}

/** Per table: "*table", the declarations, the rules, the tails, "COMMIT" (arrays joined once). */
function restoreText(chunk: readonly Item[]): { text: string; sections: number } {
  const out: string[] = [];
  let sections = 0;
  for (const table of tables) {
    const declare: string[] = [];
    const body: string[] = [];
    const tail: string[] = [];
    for (const i of chunk) {
      if (i.table !== table) continue;
      if (i.declare !== undefined) declare.push(i.declare);
      if (i.body !== '') body.push(i.body);
      if (i.tail !== undefined) for (const l of i.tail) tail.push(l);
    }
    if (declare.length === 0 && tail.length === 0) continue;
    sections++;
    out.push(`*${table}`);
    for (const part of [declare, body, tail]) for (const l of part) out.push(l);
    out.push('COMMIT');
  }
  return { text: out.length === 0 ? '' : `${out.join('\n')}\n`, sections };
}

/** The counts a full render reports: chains written, lines, rules and chains per table, stale chains deleted. */
export interface FullCounts {
  readonly writtenChains: number;
  readonly lines: number;
  readonly sizes: TableSizes;
  readonly deletedChains: readonly string[];
}

/**
 * A full render as one restore fed while the ports are still being read and built (legacy: the
 * restore parses one part while the next is made). nat comes first: its shared chains are
 * declared (endpoint chains jump to BOSUN-MARK-MASQ), then each port's chains, declared and
 * filled as the port comes, then the shared chains' rules, the stale chains' deletions and the
 * hooks; then filter, whole. A legacy restore commits each table at its COMMIT, so the order
 * inside a table changes nothing the kernel sees. Of a port only its share of the shared
 * chains and its chain names are kept: its rules are written and let go (keeping ten thousand
 * ports' rules while the restore runs costs the machine more than building them again once
 * the rules are live, see appliedOf).
 */
export class StreamedFullRender {
  private readonly shares: Pick<PortRules, 'id' | 'shared'>[] = [];
  /** Every port chain written, "table/chain". */
  private readonly own = new Set<string>();
  private readonly laterChains: { name: string; body: string }[] = [];   // a port's filter chains (none today) go with filter
  private readonly sizes: TableSizes = { filter: { rules: 0, chains: 0 }, nat: { rules: 0, chains: 0 } };
  private written = 0;
  private lines = 0;

  /** The start: "*nat" and the nat shared chains' declarations. */
  head(): string {
    const declare = sharedOrder.filter(([t]) => t === 'nat').map(([, n]) => `:${n} - [0:0]\n`);
    this.lines += 1 + declare.length;
    return `*nat\n${declare.join('')}`;
  }

  /** One port's nat chains: all declared (they jump to each other), then filled. */
  port(p: PortRules): string {
    this.shares.push({ id: p.id, shared: p.shared });
    let declare = '';
    let bodies = '';
    for (const c of p.chains) {
      const body = c.body === '' ? '' : `${c.body}\n`;
      if (c.table === 'nat') {
        declare += `:${c.name} - [0:0]\n`;
        bodies += body;
      } else this.laterChains.push({ name: c.name, body });
      this.own.add(`${c.table}/${c.name}`);
      this.sizes[c.table].rules += c.rules;
      this.sizes[c.table].chains++;
      this.written++;
      this.lines += 1 + c.rules;
    }
    return declare + bodies;
  }

  /** The rest, once every port came: nat's shared rules, deletions and hooks, then filter. */
  finish(ctx: SnapshotContext, opts: Pick<RenderOptions, 'existing' | 'builtin'>): FullCounts & { readonly text: string } {
    const shared = sharedChains(ctx, this.shares.sort(byPortId));
    for (const c of shared) this.own.add(`${c.table}/${c.name}`);
    const gone = opts.existing === undefined ? [] : unwanted(opts.existing, this.own);
    const out: string[] = [];
    for (const table of ['nat', 'filter'] as const) {
      if (table === 'filter') {
        out.push('*filter');
        for (const c of shared) if (c.table === 'filter') out.push(`:${c.name} - [0:0]`);
        for (const c of this.laterChains) out.push(`:${c.name} - [0:0]`);
        for (const c of this.laterChains) if (c.body !== '') out.push(c.body.slice(0, -1));
      }
      for (const c of shared) {
        if (c.table !== table) continue;
        if (c.lines.length > 0) out.push(c.lines.join('\n'));
        this.sizes[table].rules += c.lines.length;
        this.sizes[table].chains++;
        this.written++;
        this.lines += c.lines.length + (table === 'filter' ? 1 : 0);
      }
      const stale = gone.filter((g) => g.table === table);
      for (const g of stale) out.push(`:${g.name} - [0:0]`);
      for (const g of stale) out.push(`-X ${g.name}`);
      const b = opts.builtin?.[table] ?? [];
      for (const l of b) out.push(l);
      out.push('COMMIT');
      this.lines += 2 * stale.length + b.length + (table === 'filter' ? 2 : 1);
    }
    return {
      text: `${out.join('\n')}\n`, writtenChains: this.written, lines: this.lines, sizes: this.sizes,
      deletedChains: gone.map((g) => `${g.table}/${g.name}`),
    };
  }
}

/** What the kernel holds of ours once a full render of `rs` is applied. */
export function appliedOf(rs: Ruleset): Applied {
  return {
    ports: new Map(rs.ports.map((p) => [p.id, p])),
    shared: new Map(rs.shared.map((c) => [`${c.table}/${c.name}`, c.lines])),
  };
}

/** The lines around `line` (1-based) of `text`, numbered: what a failed restore is logged with. */
export function linesAround(text: string, line: number, context = 5): string[] {
  const lines = text.split('\n');
  const from = Math.max(1, line - context);
  const to = Math.min(lines.length, line + context);
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(`${i === line ? '>' : ' '}${String(i).padStart(6)}: ${lines[i - 1] ?? ''}`);
  return out;
}

/** The line an iptables-restore error names ("line 12 failed", "Error occurred at line: 12"). */
export function failedLine(stderr: string): number | undefined {
  const m = /line:? (\d+)/.exec(stderr);
  return m === null ? undefined : Number(m[1]);
}
