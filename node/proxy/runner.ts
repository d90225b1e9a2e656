// The proxy's one door to iptables: iptables-restore --noflush of a rendered text (missing
// hooks ride along as -I lines), a save to find our chains and hooks, -S of one chain (the nft
// backend's cheap check), and conntrack deletes for UDP flows of removed endpoints. Nothing
// else in node/proxy/ runs a program.
import type { ClientLog } from '../../shared/client/client-log.js';
import { runProgram, type ProgramInput, type ProgramResult } from '../../shared/util/run-program.js';
import { detectIptablesMode, iptablesBinaries, type IptablesBinaries } from '../../shared/util/iptables-backend.js';
import type { Backend, BackendChoice } from './backend.js';
import type { Hook } from './ruleset/build.js';
import { isOwnChain } from './ruleset/names.js';
import { failedLine, linesAround } from './ruleset/render.js';

export type ExecResult = ProgramResult;

export type Exec = (cmd: string, args: readonly string[], input: ProgramInput, signal: AbortSignal) => Promise<ExecResult>;

export const spawnExec: Exec = (cmd, args, input, signal) => runProgram(cmd, args, signal, input);

/** A hook as iptables-save prints it (args in save order, the comment quoted). */
export const hookLine = (h: Hook): string => `-A ${h.chain} ${h.args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}`;

/** The restore line that inserts a hook at the top of its built-in chain. */
export const hookInsert = (h: Hook): string => hookLine(h).replace(/^-A /, '-I ');

export class RestoreError extends Error {
  override readonly name = 'RestoreError';
  constructor(message: string, readonly line: number | undefined, readonly context: readonly string[]) { super(message); }
}

export interface RunnerOptions {
  readonly backend: BackendChoice;
  readonly exec?: Exec;
  readonly log: ClientLog;
}

export class IptablesRunner {
  private bin: IptablesBinaries | undefined;
  private chosen: Backend | undefined;
  private readonly exec: Exec;

  constructor(private readonly o: RunnerOptions) {
    this.exec = o.exec ?? spawnExec;
  }

  get backend(): Backend | undefined { return this.chosen; }

  /** Settles the backend ('auto': the node's, the one Docker uses). */
  async init(signal: AbortSignal): Promise<Backend> {
    const b = this.o.backend !== 'auto' ? this.o.backend : await detectIptablesMode((cmd, args) => this.exec(cmd, args, undefined, signal));
    this.chosen = b;
    this.bin = iptablesBinaries(b);
    return b;
  }

  private get b(): IptablesBinaries {
    if (this.bin === undefined) throw new Error('IptablesRunner.init was not called');
    return this.bin;
  }

  /** Our chains present in the kernel ("table/chain"), and the `hooks` not found there (one save of every table). */
  async ownChains(hooks: readonly Hook[], signal: AbortSignal): Promise<{ chains: Set<string>; missingHooks: Hook[] }> {
    const chains = new Set<string>();
    const lines = new Set<string>();
    const r = await this.exec(this.b.save, [], undefined, signal);
    if (r.code !== 0) throw new Error(`${this.b.save} failed: ${r.stderr.trim()}`);
    let table = '';
    for (const l of r.stdout.split('\n')) {
      if (l.startsWith('*')) table = l.slice(1);
      else if (l.startsWith(':')) {
        const name = l.slice(1, l.indexOf(' '));
        if (isOwnChain(name)) chains.add(`${table}/${name}`);
      } else if (l.startsWith('-A ') && !l.startsWith('-A BOSUN-') && l.includes(' -j BOSUN-')) lines.add(`${table} ${l}`);
    }
    return { chains, missingHooks: hooks.filter((h) => !lines.has(`${h.table} ${hookLine(h)}`)) };
  }

  /** The rules of one chain as -S prints them (save format); undefined when the chain does not exist. */
  async chainRules(table: 'filter' | 'nat', chain: string, signal: AbortSignal): Promise<string[] | undefined> {
    const r = await this.exec(this.b.iptables, ['-w', '5', '-t', table, '-S', chain], undefined, signal);
    if (r.code !== 0) {
      // legacy: "No chain/target/match by that name"; nft 1.8.9: "chain `X' in table `nat' is incompatible".
      if (/No chain|does not exist|is incompatible/i.test(r.stderr)) return undefined;
      throw new Error(`${this.b.iptables} -t ${table} -S ${chain} failed: ${r.stderr.trim()}`);
    }
    return r.stdout.split('\n').filter((l) => l.startsWith('-A '));
  }

  /** The whole save of a table (tests, metrics of what is there). */
  async save(table: 'filter' | 'nat', signal: AbortSignal): Promise<string> {
    const r = await this.exec(this.b.save, ['-t', table], undefined, signal);
    if (r.code !== 0) throw new Error(`${this.b.save} -t ${table} failed: ${r.stderr.trim()}`);
    return r.stdout;
  }

  /**
   * One iptables-restore --noflush of `input` (pieces are written as they come, and let go); a
   * failure throws a RestoreError with the lines around the one named, from `whole` (the text
   * the pieces made, made again) when the input came in pieces.
   */
  async restore(input: string | AsyncIterable<string>, signal: AbortSignal, whole?: () => string): Promise<void> {
    const r = await this.exec(this.b.restore, ['-w', '5', '--noflush'], input, signal);
    if (r.code === 0) return;
    const text = typeof input === 'string' ? input : whole?.() ?? '';
    const line = failedLine(r.stderr);
    const context = line === undefined || text === '' ? [] : linesAround(text, line);
    throw new RestoreError(`${this.b.restore} exited ${r.code}: ${r.stderr.trim()}`, line, context);
  }

  /** conntrack -D with `args`; "nothing to delete" is not an error. */
  async conntrackDelete(args: readonly string[], signal: AbortSignal): Promise<void> {
    const r = await this.exec('conntrack', ['-D', ...args], undefined, signal);
    if (r.code !== 0 && !/0 flow entries/.test(r.stderr)) this.o.log.warn({ args, stderr: r.stderr.trim() }, 'Could not delete conntrack entries');
  }
}
