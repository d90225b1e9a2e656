// iptables-restore input from a ruleset. A full render writes every chain; a partial one
// writes only the chains whose rules differ from what was applied last, so a change to one
// service costs a few chains, not the whole table (nft's --noflush restore grows
// quadratically with its input). Either way, chains that are ours but no longer wanted are
// flushed and deleted (declared, then -X); built-in and others' chains are never named.
import { isOwnChain } from './names.js';
import { tables, type Ruleset, type TableName } from './rule-text.js';

/** What the kernel holds of ours after a restore: per "table/chain", its rule lines joined. */
export type Applied = ReadonlyMap<string, string>;

export interface RenderOptions {
  /** undefined: a full render. */
  readonly previous: Applied | undefined;
  /** Our chains found in the kernel (e.g. left by an earlier process): "table/chain". */
  readonly existing?: ReadonlySet<string>;
  /** Rules for built-in chains (missing hooks: "-I PREROUTING …"), written after ours are declared. */
  readonly builtin?: Readonly<Partial<Record<TableName, readonly string[]>>>;
}

export interface Rendered {
  /** '' when there is nothing to do. */
  readonly text: string;
  readonly applied: Applied;
  readonly writtenChains: number;
  readonly deletedChains: readonly string[];
  readonly lines: number;
}

export function renderRestore(rs: Ruleset, opts: RenderOptions): Rendered {
  const applied = new Map<string, string>();
  const out: string[] = [];
  let written = 0;
  const deleted: string[] = [];
  for (const table of tables) {
    const chains = rs[table].chains;
    const declare: string[] = [];
    const rules: string[] = [];
    for (const [name, lines] of chains) {
      const key = `${table}/${name}`;
      const body = lines.join('\n');
      applied.set(key, body);
      if (opts.previous !== undefined && opts.previous.get(key) === body) continue;
      declare.push(`:${name} - [0:0]`);
      if (lines.length > 0) rules.push(body);
      written++;
    }
    const gone = staleChains(table, chains, opts);
    for (const name of gone) {
      declare.push(`:${name} - [0:0]`);
      rules.push(`-X ${name}`);
      deleted.push(`${table}/${name}`);
    }
    const builtin = opts.builtin?.[table] ?? [];
    if (declare.length === 0 && builtin.length === 0) continue;
    out.push(`*${table}`, ...declare, ...rules, ...builtin, 'COMMIT');
  }
  const text = out.length === 0 ? '' : `${out.join('\n')}\n`;
  return { text, applied, writtenChains: written, deletedChains: deleted, lines: countLines(text) };
}

function staleChains(table: TableName, wanted: ReadonlyMap<string, unknown>, opts: RenderOptions): string[] {
  const known = new Set<string>();
  for (const k of opts.previous?.keys() ?? []) known.add(k);
  for (const k of opts.existing ?? []) known.add(k);
  const gone: string[] = [];
  for (const key of known) {
    const slash = key.indexOf('/');
    const t = key.slice(0, slash);
    const name = key.slice(slash + 1);
    if (t === table && isOwnChain(name) && !wanted.has(name)) gone.push(name);
  }
  return gone.sort();
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
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
