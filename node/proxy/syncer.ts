// One sync of the rules: snapshot of the caches → whole ruleset (pure) → render of what changed
// since the last successful restore (everything on a full sync) → iptables-restore --noflush
// → hooks (on full syncs) → conntrack of UDP flows to removed endpoints. Keeps what was
// applied; any failure forgets it, so the next sync is full.
import type { Service } from '../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../shared/api/discovery/v1/endpoint-slice.js';
import type { ClientLog } from '../../shared/client/client-log.js';
import type { Clock } from '../../shared/util/time.js';
import { staleUdpFlows } from './conntrack.js';
import type { ProxyMetrics } from './metrics.js';
import { buildRuleset, hooks } from './ruleset/build.js';
import { renderRestore, type Applied } from './ruleset/render.js';
import { tables, type Ruleset } from './ruleset/rule-text.js';
import { RestoreError, hookInsert, type IptablesRunner } from './runner.js';
import { buildSnapshot, type ProxySnapshot } from './snapshot.js';

export interface SyncerOptions {
  readonly runner: IptablesRunner;
  readonly nodeName: string;
  readonly clusterCIDR: string;
  readonly masqueradeAll: boolean;
  /** A full sync at least this often. */
  readonly syncMs: number;
  readonly clock: Clock;
  readonly log: ClientLog;
  readonly metrics: ProxyMetrics;
}

export type SyncMode = 'full' | 'partial' | 'noop';

export interface SyncReport {
  readonly mode: SyncMode;
  readonly ms: number;
  readonly restoreMs: number;
  readonly lines: number;
  readonly writtenChains: number;
}

export class RuleSyncer {
  private applied: Applied | undefined;
  private lastSnap: ProxySnapshot | undefined;
  private needFull = true;
  private lastFull = -Infinity;
  lastSuccess: number | undefined;

  constructor(private readonly o: SyncerOptions) {}

  /** Throws after logging (the next sync is then full). */
  async sync(services: readonly Service[], slices: readonly EndpointSlice[], signal: AbortSignal): Promise<SyncReport> {
    const o = this.o;
    const t0 = performance.now();
    const full = this.needFull || this.applied === undefined || o.clock.now().getTime() - this.lastFull >= o.syncMs;
    try {
      const snap = buildSnapshot({ services, slices, nodeName: o.nodeName, clusterCIDR: o.clusterCIDR, masqueradeAll: o.masqueradeAll });
      const rs = buildRuleset(snap);
      // A full sync asks the kernel (one save per table) which of our chains exist and which hooks are missing.
      const found = full ? await o.runner.ownChains(hooks, signal) : undefined;
      const existing = found === undefined ? undefined : new Set([...found.chains, ...(this.applied?.keys() ?? [])]);
      // Missing hooks go into the same restore (-I, reversed so they keep their order at the top).
      const missing = [...(found?.missingHooks ?? [])].reverse();
      const builtin = { filter: missing.filter((h) => h.table === 'filter').map(hookInsert), nat: missing.filter((h) => h.table === 'nat').map(hookInsert) };
      const r = renderRestore(rs, { previous: full ? undefined : this.applied, builtin, ...(existing !== undefined ? { existing } : {}) });
      const mode: SyncMode = full ? 'full' : r.text === '' ? 'noop' : 'partial';
      let restoreMs = 0;
      if (r.text !== '') {
        const t1 = performance.now();
        await o.runner.restore(r.text, signal);
        restoreMs = performance.now() - t1;
        o.metrics.restoreDuration.observe({}, restoreMs / 1000);
      }
      this.applied = r.applied;
      if (full) {
        if (missing.length > 0) o.log.info({ hooks: missing.length }, 'Added hooks from built-in chains');
        this.needFull = false;
        this.lastFull = o.clock.now().getTime();
      }
      for (const args of staleUdpFlows(this.lastSnap, snap)) await o.runner.conntrackDelete(args, signal);
      this.lastSnap = snap;
      const ms = performance.now() - t0;
      this.lastSuccess = o.clock.now().getTime();
      this.record(mode, ms, rs, r.writtenChains, snap.servicePorts.length);
      o.log[mode === 'noop' ? 'debug' : 'info']({
        mode, servicePorts: snap.servicePorts.length, writtenChains: r.writtenChains, deletedChains: r.deletedChains.length,
        lines: r.lines, restoreMs: Math.round(restoreMs), ms: Math.round(ms),
      }, 'Synced proxy rules');
      return { mode, ms, restoreMs, lines: r.lines, writtenChains: r.writtenChains };
    } catch (err) {
      this.needFull = true;
      this.applied = undefined;
      o.metrics.syncs.inc({ mode: full ? 'full' : 'partial', result: 'error' });
      if (signal.aborted) throw err;
      if (err instanceof RestoreError) o.log.error({ err, line: err.line, context: err.context.join('\n') }, 'Failed to apply proxy rules; the next sync is full');
      else o.log.error({ err }, 'Failed to sync proxy rules; the next sync is full');
      throw err;
    }
  }

  private record(mode: SyncMode, ms: number, rs: Ruleset, written: number, servicePorts: number): void {
    const m = this.o.metrics;
    m.syncs.inc({ mode, result: 'ok' });
    m.syncDuration.observe({ mode }, ms / 1000);
    for (const t of tables) {
      m.rules.set({ table: t }, rs[t].ruleCount);
      m.chains.set({ table: t }, rs[t].chains.size);
    }
    m.written.set({}, written);
    m.servicePorts.set({}, servicePorts);
    m.lastSync.set({}, this.o.clock.now().getTime() / 1000);
  }
}
