// Proxy benchmark (a script, not a test): N services × 5 endpoints, per iptables backend, in a
// throwaway network namespace made and deleted here (never the machine's own namespace).
//   raw:        `iptables-restore --noflush` of the whole rules file, one run, into a fresh namespace.
//   first sync: the proxy's whole full sync, in a new process as after a start (with the NODE_OPTIONS of deploy/env/proxy.env
//               and the proxy's engine settings, engine.ts) (snapshot, build, render, its restores — on nft
//               cut into restores of --chunk lines —, hooks) into another fresh namespace.
//   one change: one endpoint of one service replaced; time of the partial sync until its
//               rules are live (what comes on top of --min-sync-period): the median of five such
//               changes in a row, each to another service (the first runs on cold code, and on legacy
//               first works out what the streamed full sync applied).
//   periodic:   a periodic partial sync without changes (a save per table to re-check hooks).
// Every cell is the median of REPEAT runs (default 1; the machine is shared, so repeat). RAW=0 skips raw.
// Usage (root): node dist/e2e/bench/proxy.js [legacy|nft|all] [sizes, e.g. 1000,3000] [nft chunk lines, e.g. 11000,22000]
//   default sizes: legacy 1000,3000,10000; nft 1000,3000 (10,000 raw on nft takes ~15 min: nft 10000 skips raw).
import { randomBytes } from 'node:crypto';
import { writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Service } from '../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../shared/api/discovery/v1/endpoint-slice.js';
import type { ClientLog } from '../../shared/client/client-log.js';
import { systemClock } from '../../shared/util/time.js';
import type { Backend } from '../../node/proxy/backend.js';
import { tuneEngine } from '../../node/proxy/engine.js';
import { ProxyMetrics } from '../../node/proxy/metrics.js';
import { buildRuleset } from '../../node/proxy/ruleset/build.js';
import { renderRestore } from '../../node/proxy/ruleset/render.js';
import { tableSizes } from '../../node/proxy/ruleset/rule-text.js';
import { IptablesRunner, spawnExec, type Exec } from '../../node/proxy/runner.js';
import { buildSnapshot } from '../../node/proxy/snapshot.js';
import { RuleSyncer, defaultChunkLines, type SyncReport } from '../../node/proxy/syncer.js';
import { unitEnv } from '../support/units.js';

const changeRuns = 5;

const quiet: ClientLog = { debug: () => {}, info: () => {}, warn: () => {}, error: (f, m) => console.error(m, f) };

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
}

/** A fresh namespace for `fn`, deleted afterwards whatever happens. */
async function inNamespace<T>(fn: (ns: string) => Promise<T>): Promise<T> {
  const ns = `bosun-bench-${randomBytes(3).toString('hex')}`;
  ip(['netns', 'add', ns]);
  try { return await fn(ns); } finally {
    ip(['netns', 'del', ns]);
    await new Promise((resolve) => setTimeout(resolve, 1000));   // the kernel frees its tables after: not during the next cell
  }
}

const nsExec = (ns: string): Exec => (cmd, args, input, signal) => spawnExec('ip', ['netns', 'exec', ns, cmd, ...args], input, signal);

function workload(n: number): { services: Service[]; slices: EndpointSlice[] } {
  const services: Service[] = [];
  const slices: EndpointSlice[] = [];
  for (let i = 0; i < n; i++) {
    const name = `svc-${i}`;
    services.push({ metadata: { namespace: 'bench', name }, spec: { type: 'ClusterIP', clusterIP: `10.96.${i >> 8}.${i & 255}`, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } });
    slices.push({
      metadata: { namespace: 'bench', name: `${name}-a`, labels: { 'kubernetes.io/service-name': name } }, addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: Array.from({ length: 5 }, (_, k) => {
        const e = i * 5 + k;
        return { addresses: [`10.${244 + (e >> 16)}.${(e >> 8) & 255}.${e & 255}`], conditions: { ready: true }, nodeName: `n${k}` };
      }),
    });
  }
  return { services, slices };
}

async function rawRestore(b: Backend, file: string): Promise<number> {
  return inNamespace(async (ns) => {
    const t0 = performance.now();
    const r = spawnSync('sh', ['-c', `ip netns exec ${ns} iptables-${b}-restore -w 5 --noflush < ${file}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`raw restore: ${r.stderr}`);
    return performance.now() - t0;
  });
}

interface SyncTimes { first: number; firstRestore: number; restores: number; change: number; changeRestore: number; changeMode: string; changeLines: number; periodic: number; live: boolean }

async function proxySyncs(b: Backend, services: Service[], slices: EndpointSlice[], chunkLines: number): Promise<SyncTimes> {
  return inNamespace(async (ns) => {
    const signal = new AbortController().signal;
    const runner = new IptablesRunner({ backend: b, exec: nsExec(ns), log: quiet });
    await runner.init(signal);
    const syncer = new RuleSyncer({ runner, nodeName: 'n0', clusterCIDR: '10.244.0.0/16', masqueradeAll: false, fullSyncMs: 3_600_000, chunkLines, clock: systemClock, log: quiet, metrics: new ProxyMetrics() });
    const first = await syncer.sync(services, slices, signal);
    // Five changes, one endpoint of another service each: the median is a running proxy's (the first pays for cold code
    // and, on legacy, for working out what the streamed full sync applied).
    const later = [...slices];
    const changes: SyncReport[] = [];
    for (let k = 0; k < changeRuns; k++) {
      const changed = structuredClone(later[k]!);
      changed.endpoints![0]!.addresses = [`10.250.0.${k + 1}`];
      later[k] = changed;
      changes.push(await syncer.sync(services, later, signal));
    }
    const nat = await runner.save('nat', signal);
    const live = changes.every((_, k) => nat.includes(`--to-destination 10.250.0.${k + 1}:8080`));
    const periodic = await syncer.sync(services, later, signal, 'periodic');
    const change = changes.sort((a, b) => a.ms - b.ms)[changeRuns >> 1]!;
    return { first: first.ms, firstRestore: first.restoreMs, restores: first.restores, change: change.ms, changeRestore: change.restoreMs, changeMode: change.mode, changeLines: change.lines, periodic: periodic.ms, live };
  });
}

/** The NODE_OPTIONS the proxy's unit runs it with (deploy/env/proxy.env). */
const proxyNodeOptions = unitEnv('proxy', { CONF_DIR: '-', NODE_NAME: '-', NODE_IP: '-' })['NODE_OPTIONS'] ?? '';

/** proxySyncs in a new node process started as the proxy's unit starts it: its first sync runs on cold code, as after a start. */
function inFreshProcess(b: Backend, n: number, chunk: number): SyncTimes {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', b, String(n), String(chunk)], { encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, NODE_OPTIONS: proxyNodeOptions } });
  if (r.status !== 0) throw new Error(`bench child: ${r.stderr}`);
  return JSON.parse(r.stdout) as SyncTimes;
}

const median = (xs: readonly number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('run as root (it makes network namespaces)');
  if (process.argv[2] === '--one') {
    tuneEngine();                                          // as the proxy does at its start
    const [b, n, chunk] = [process.argv[3] as Backend, Number(process.argv[4]), Number(process.argv[5])];
    const { services, slices } = workload(n);
    process.stdout.write(JSON.stringify(await proxySyncs(b, services, slices, chunk)));
    return;
  }
  const which = process.argv[2] ?? 'all';
  const sizesArg = process.argv[3]?.split(',').map(Number);
  const chunks = process.argv[4]?.split(',').map(Number) ?? [defaultChunkLines];
  const repeat = Number(process.env['REPEAT'] ?? '1');
  const plan: [Backend, number[], number[]][] = [];
  if (which === 'legacy' || which === 'all') plan.push(['legacy', sizesArg ?? [1000, 3000, 10000], [Infinity]]);
  if (which === 'nft' || which === 'all') plan.push(['nft', sizesArg ?? [1000, 3000], chunks]);
  console.log(`median of ${repeat}`);
  console.log('backend  services  rules   chains  lines   chunk-lines  raw-restore  proxy-first-sync (restores, in iptables)  ratio   one-change (in iptables, lines)  periodic  live');
  for (const [b, sizes, chunkList] of plan) {
    for (const n of sizes) {
      const { services, slices } = workload(n);
      const rs = buildRuleset(buildSnapshot({ services, slices, nodeName: 'n0', clusterCIDR: '10.244.0.0/16', masqueradeAll: false }));
      const r = renderRestore(rs, { previous: undefined });
      const size = tableSizes(rs);
      const file = `/tmp/bosun-bench-rules-${process.pid}.txt`;
      writeFileSync(file, r.text);
      try {
        const raws: number[] = [];
        const skipRaw = process.env['RAW'] === '0' || (b === 'nft' && n > 5000);
        for (let i = 0; i < repeat && !skipRaw; i++) raws.push(await rawRestore(b, file));
        const raw = skipRaw ? NaN : median(raws);
        for (const chunk of chunkList) {
          const runs: SyncTimes[] = [];
          for (let i = 0; i < repeat; i++) runs.push(inFreshProcess(b, n, chunk));
          const first = median(runs.map((x) => x.first));
          const change = median(runs.map((x) => x.change));
          const p = runs[0]!;
          console.log([
            b.padEnd(8), String(n).padStart(8), String(size.nat.rules + size.filter.rules).padStart(7),
            String(size.nat.chains + size.filter.chains).padStart(7), String(r.lines).padStart(7),
            (Number.isFinite(chunk) ? `${chunk} (~${Math.round(chunk / 22)} svc)` : 'one').padStart(18),
            (skipRaw ? 'skipped' : sec(raw)).padStart(11), `${sec(first)} (${p.restores}, ${sec(median(runs.map((x) => x.firstRestore)))})`.padStart(39),
            (skipRaw ? '-' : `${(first / raw).toFixed(2)}x`).padStart(7),
            `${change.toFixed(0)} ms (${median(runs.map((x) => x.changeRestore)).toFixed(0)} ms, ${p.changeLines})`.padStart(31),
            `${median(runs.map((x) => x.periodic)).toFixed(0)} ms`.padStart(9), runs.every((x) => x.live) ? 'yes' : 'NO',
          ].join('  '));
        }
      } finally { rmSync(file, { force: true }); }
    }
  }
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
