// One sync of the rules: snapshot of the caches → ruleset (pure; a service port's rules are
// rebuilt only when its inputs changed) → render → iptables-restore --noflush → conntrack of
// UDP flows to removed endpoints. Keeps what was applied; any failure forgets it, so the next
// sync is full.
//
// As kube-proxy: a FULL sync (every chain rewritten, stale chains of ours deleted, hooks
// checked) at start, after any failure and every fullSyncMs; every other sync is PARTIAL (only
// the chains that changed). A periodic partial sync (no change asked for it) also re-checks
// the kernel: hooks someone removed are added back, and a chain of ours gone missing makes it
// full. On the nft backend the restore input is cut into restores of at most chunkLines lines
// (render.ts: endpoint chains, then service chains, then the dispatch chains and deletions),
// since one --noflush restore grows quadratically with its size there; legacy rewrites the
// whole table on every restore, so it gets one, and a full one is fed while the rules are
// still being built (iptables parses one part while the next is built).
import type { Service } from '../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../shared/api/discovery/v1/endpoint-slice.js';
import type { ClientLog } from '../../shared/client/client-log.js';
import type { Clock } from '../../shared/util/time.js';
import { staleUdpFlows } from './conntrack.js';
import type { ProxyMetrics } from './metrics.js';
import { RulesetBuilder, buildPort, hooks, type Hook } from './ruleset/build.js';
import { StreamedFullRender, appliedOf, renderRestore, type Applied } from './ruleset/render.js';
import { tableSizes, tables, type Ruleset, type TableName, type TableSizes } from './ruleset/rule-text.js';
import { RestoreError, hookInsert, hookLine, type IptablesRunner } from './runner.js';
import { SnapshotBuilder, snapshotContext, type ProxySnapshot, type SnapshotInput } from './snapshot.js';
import type { SyncReason } from './sync-scheduler.js';

/**
 * Lines per restore on the nft backend (~110 services × 5 endpoints). Measured with
 * e2e/bench/proxy.ts at 3,000 services (medians of 3, shared machine): 1,000 lines 1.5 s,
 * 2,500 1.5-1.7 s, 5,000 1.9 s, 8,000 2.5 s, 11,000 5 s, 22,000 17 s, one restore 22-52 s;
 * at 10,000 services: 1,000 5.5 s, 2,500 5-6 s, 5,000 9.3 s.
 */
export const defaultChunkLines = 2_500;

export interface SyncerOptions {
  readonly runner: IptablesRunner;
  readonly nodeName: string;
  readonly clusterCIDR: string;
  readonly masqueradeAll: boolean;
  /** A full sync at least this often. */
  readonly fullSyncMs: number;
  /** nft backend: lines per restore (default defaultChunkLines). */
  readonly chunkLines?: number;
  readonly clock: Clock;
  readonly log: ClientLog;
  readonly metrics: ProxyMetrics;
}

export type SyncMode = 'full' | 'partial' | 'noop';

export interface SyncReport {
  readonly mode: SyncMode;
  readonly ms: number;
  readonly restoreMs: number;
  readonly restores: number;
  readonly lines: number;
  readonly writtenChains: number;
  /** Service ports whose rules were built anew. */
  readonly rebuiltPorts: number;
}

/** A streamed restore gets its input in pieces of about this many characters (the pipe holds 64 KiB); the first is smaller. */
const streamPiece = 64 * 1024;
const firstPiece = 4 * 1024;

type OwnChains = Awaited<ReturnType<IptablesRunner['ownChains']>>;

/** What one sync's restores applied. */
interface Applying {
  readonly mode: SyncMode;
  readonly snap: ProxySnapshot;
  readonly sizes: TableSizes;
  readonly missing: readonly Hook[];
  readonly restoreMs: number;
  readonly restores: number;
  readonly lines: number;
  readonly writtenChains: number;
  readonly deletedChains: readonly string[];
  readonly rebuiltPorts: number;
  /** Or how to work it out once the rules are live (a streamed full sync). */
  readonly applied: Applied | (() => Applied);
}

/** How a full render ends, from what the save found: stale chains deleted, missing hooks added. */
const finishing = (found: OwnChains): { existing: ReadonlySet<string>; builtin: Record<TableName, string[]> } => ({ existing: found.chains, builtin: hookInserts(found.missingHooks) });

/** Missing hooks as restore lines for their built-in chains (-I, reversed so they keep their order at the top). */
function hookInserts(missing: readonly Hook[]): Record<TableName, string[]> {
  const rev = [...missing].reverse();
  return { filter: rev.filter((h) => h.table === 'filter').map(hookInsert), nat: rev.filter((h) => h.table === 'nat').map(hookInsert) };
}

export class RuleSyncer {
  private applied: Applied | undefined;
  /** After a streamed full sync: works out `applied` (once the event loop is free, or at the start of the next sync). */
  private settle: (() => Applied) | undefined;
  private lastSnap: ProxySnapshot | undefined;
  private readonly snapshots = new SnapshotBuilder();
  private readonly builder = new RulesetBuilder();
  private needFull = true;
  private lastFull = -Infinity;
  lastSuccess: number | undefined;

  constructor(private readonly o: SyncerOptions) {}

  /** Throws after logging (the next sync is then full). */
  async sync(services: readonly Service[], slices: readonly EndpointSlice[], signal: AbortSignal, reason: SyncReason = 'change'): Promise<SyncReport> {
    const o = this.o;
    const t0 = performance.now();
    this.settleNow();
    let full = this.needFull || this.applied === undefined || o.clock.now().getTime() - this.lastFull >= o.fullSyncMs;
    // A full sync's save runs while the rules are built (when streamed: once the restore has its first part).
    const startSave = (): Promise<OwnChains> => {
      const saving = o.runner.ownChains(hooks, signal);
      saving.catch(() => {});                             // awaited later; a build error must not leave it unhandled
      return saving;
    };
    try {
      const input: SnapshotInput = { services, slices, nodeName: o.nodeName, clusterCIDR: o.clusterCIDR, masqueradeAll: o.masqueradeAll };
      const r = full && o.runner.backend === 'legacy'
        ? await this.streamFull(input, startSave, signal)
        : await this.rendered(this.snapshots.build(input), full, reason, full ? startSave() : undefined, signal);
      full = r.mode === 'full';
      const { mode, snap, missing, restoreMs } = r;
      if (typeof r.applied === 'function') {
        this.settle = r.applied;
        setImmediate(() => this.settleNow());
      } else this.applied = r.applied;
      if (missing.length > 0) o.log.info({ hooks: missing.length }, 'Added hooks from built-in chains');
      if (full) {
        this.needFull = false;
        this.lastFull = o.clock.now().getTime();
      }
      for (const args of staleUdpFlows(this.lastSnap, snap)) await o.runner.conntrackDelete(args, signal);
      this.lastSnap = snap;
      const ms = performance.now() - t0;
      this.lastSuccess = o.clock.now().getTime();
      this.record(mode, ms, r.sizes, r.writtenChains, snap.servicePorts.length);
      o.log[mode === 'noop' ? 'debug' : 'info']({
        mode, reason, servicePorts: snap.servicePorts.length, rebuiltPorts: r.rebuiltPorts, writtenChains: r.writtenChains,
        deletedChains: r.deletedChains.length, restores: r.restores, lines: r.lines, restoreMs: Math.round(restoreMs), ms: Math.round(ms),
      }, 'Synced proxy rules');
      return { mode, ms, restoreMs, restores: r.restores, lines: r.lines, writtenChains: r.writtenChains, rebuiltPorts: r.rebuiltPorts };
    } catch (err) {
      this.needFull = true;
      this.applied = undefined;
      this.settle = undefined;
      o.metrics.syncs.inc({ mode: full ? 'full' : 'partial', result: 'error' });
      if (signal.aborted) throw err;
      if (err instanceof RestoreError) o.log.error({ err, line: err.line, context: err.context.join('\n') }, 'Failed to apply proxy rules; the next sync is full');
      else o.log.error({ err }, 'Failed to sync proxy rules; the next sync is full');
      throw err;
    }
  }

  private settleNow(): void {
    if (this.settle === undefined) return;
    this.applied = this.settle();
    this.settle = undefined;
  }

  /**
   * Build, render, restores: the chains that changed (or all of them), in restores of at most
   * chunkLines lines on nft. A full or periodic sync first asks the kernel what is there.
   */
  private async rendered(snap: ProxySnapshot, full: boolean, reason: SyncReason, saving: Promise<OwnChains> | undefined, signal: AbortSignal): Promise<Applying> {
    const o = this.o;
    const rs = this.builder.build(snap);
    // A full or periodic sync asks the kernel which of our chains exist and which hooks are missing.
    let existing: Set<string> | undefined;
    let missing: Hook[] = [];
    if (full || (reason === 'periodic' && o.runner.backend === 'legacy')) {
      // One save of every table (legacy reads a whole table for any command anyway).
      const found = await (saving ?? o.runner.ownChains(hooks, signal));
      missing = found.missingHooks;
      const lost = full ? undefined : lostChain(this.applied!, found.chains);
      if (lost !== undefined) {
        o.log.warn({ chain: lost }, 'A chain of ours is gone from the kernel; syncing everything');
        full = true;
      }
      if (full) existing = found.chains;
    } else if (reason === 'periodic') {
      // nft: a save of 10,000 services takes a second, listing one chain a few ms: the built-in
      // chains our hooks are in, and our shared chains (a lost service chain waits for the full sync).
      const check = await this.recheckNft(rs, signal);
      missing = check.missing;
      if (check.lost !== undefined) {
        o.log.warn({ chain: check.lost }, 'A chain of ours is gone from the kernel; syncing everything');
        full = true;
        existing = (await o.runner.ownChains(hooks, signal)).chains;
      }
    }
    const maxLines = o.runner.backend === 'nft' ? o.chunkLines ?? defaultChunkLines : Infinity;
    const r = renderRestore(rs, { previous: full ? undefined : this.applied, builtin: hookInserts(missing), maxLines, ...(existing !== undefined ? { existing } : {}) });
    let restoreMs = 0;
    for (const text of r.restores) {
      const t1 = performance.now();
      await o.runner.restore(text, signal);
      const ms = performance.now() - t1;
      restoreMs += ms;
      o.metrics.restoreDuration.observe({}, ms / 1000);
    }
    const mode: SyncMode = full ? 'full' : r.restores.length === 0 ? 'noop' : 'partial';
    return {
      mode, snap, sizes: tableSizes(rs), missing, restoreMs, restores: r.restores.length, lines: r.lines, writtenChains: r.writtenChains,
      deletedChains: r.deletedChains, rebuiltPorts: this.builder.rebuilt, applied: r.applied,
    };
  }

  /**
   * A full sync on legacy: one restore, started first and fed each service port's chains as
   * the port is read from the caches and built, so iptables parses one part while the next is
   * made (the kernel replaces the whole table at COMMIT either way). The save starts once the
   * first part is on its way; its answer (stale chains, missing hooks) goes at the end. The
   * ports' rules are let go once written; what was applied is built again from the same
   * snapshot after the rules are live (sync(): as soon as the event loop is free).
   */
  private async streamFull(input: SnapshotInput, startSave: () => Promise<OwnChains>, signal: AbortSignal): Promise<Applying> {
    const { builder, snapshots } = this;
    const ctx = snapshotContext(input);
    let done: Omit<Applying, 'restoreMs' | 'mode' | 'restores'> | undefined;
    let found: OwnChains | undefined;
    async function* pieces(): AsyncGenerator<string> {
      const ports = snapshots.stream(input);
      const render = new StreamedFullRender();
      let saving: Promise<OwnChains> | undefined;
      // A piece is joined from its parts once: one flat string to write, not a rope of many.
      // The first is small: iptables gets to work at once.
      let parts = [render.head()];
      let size = 0;
      for (;;) {
        const next = ports.next();
        if (next.done === true) {
          const snap = next.value;
          found = await (saving ?? startSave());
          const end = render.finish(ctx, finishing(found));
          done = {
            snap, missing: found.missingHooks, sizes: end.sizes, lines: end.lines, writtenChains: end.writtenChains,
            deletedChains: end.deletedChains, rebuiltPorts: snap.servicePorts.length, applied: () => appliedOf(builder.build(snap)),
          };
          parts.push(end.text);
          yield parts.join('');
          return;
        }
        const text = render.port(buildPort(ctx, next.value));
        parts.push(text);
        size += text.length;
        if (size >= (saving === undefined ? firstPiece : streamPiece)) {
          yield parts.join('');
          saving ??= startSave();                         // after the restore has its first part: one spawn at a time
          parts = [];
          size = 0;
        }
      }
    }
    // The text of the pieces, made again: the lines around a failed one (the pieces are not kept).
    const whole = (): string => {
      const render = new StreamedFullRender();
      let text = render.head();
      for (const sp of snapshots.stream(input)) text += render.port(buildPort(ctx, sp));
      return text + render.finish(ctx, finishing(found ?? { chains: new Set(), missingHooks: [] })).text;
    };
    const t1 = performance.now();
    await this.o.runner.restore(pieces(), signal, whole);
    const restoreMs = performance.now() - t1;
    this.o.metrics.restoreDuration.observe({}, restoreMs / 1000);
    if (done === undefined) throw new Error('the streamed restore ended before its last piece');
    return { mode: 'full', restoreMs, restores: 1, ...done };
  }

  /** nft periodic check: hooks missing from their built-in chains, and a shared chain of ours gone ("table/chain"). */
  private async recheckNft(rs: Ruleset, signal: AbortSignal): Promise<{ missing: Hook[]; lost: string | undefined }> {
    const builtin = new Map<string, Set<string>>();
    for (const h of hooks) {
      const key = `${h.table}/${h.chain}`;
      if (builtin.has(key)) continue;
      builtin.set(key, new Set(await this.o.runner.chainRules(h.table, h.chain, signal) ?? []));
    }
    const missing = hooks.filter((h) => !builtin.get(`${h.table}/${h.chain}`)!.has(hookLine(h)));
    for (const c of rs.shared) {
      if (this.applied?.shared.has(`${c.table}/${c.name}`) !== true) continue;
      if (await this.o.runner.chainRules(c.table, c.name, signal) === undefined) return { missing, lost: `${c.table}/${c.name}` };
    }
    return { missing, lost: undefined };
  }

  private record(mode: SyncMode, ms: number, sizes: TableSizes, written: number, servicePorts: number): void {
    const m = this.o.metrics;
    m.syncs.inc({ mode, result: 'ok' });
    m.syncDuration.observe({ mode }, ms / 1000);
    for (const t of tables) {
      m.rules.set({ table: t }, sizes[t].rules);
      m.chains.set({ table: t }, sizes[t].chains);
    }
    m.written.set({}, written);
    m.servicePorts.set({}, servicePorts);
    m.lastSync.set({}, this.o.clock.now().getTime() / 1000);
  }
}

/** A chain we applied that the kernel's save does not list ("table/chain"), if any. */
function lostChain(applied: Applied, inKernel: ReadonlySet<string>): string | undefined {
  for (const key of applied.shared.keys()) if (!inKernel.has(key)) return key;
  for (const p of applied.ports.values()) for (const c of p.chains) if (!inKernel.has(`${c.table}/${c.name}`)) return `${c.table}/${c.name}`;
  return undefined;
}
