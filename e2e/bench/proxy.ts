// Proxy benchmark (a script, not a test): N services × 5 endpoints, per iptables backend, in a
// throwaway network namespace made and deleted here (never the machine's own namespace).
//   first sync: the proxy's whole sync (snapshot, build, render, one iptables-restore
//               --noflush, hooks) into a fresh namespace, vs `iptables-restore --noflush` of
//               the same rules file run straight into another fresh namespace: ratio printed.
//   one change: one endpoint of one service replaced; time until its rules are live (the
//               partial sync's restore returned), which is what comes on top of --min-sync-period.
// Usage (root): node dist/e2e/bench/proxy.js [legacy|nft|all] [sizes, e.g. 1000,3000]
//   default sizes: legacy 1000,3000,10000; nft 1000,3000 (10,000 on nft takes ~15 min raw).
import { randomBytes } from 'node:crypto';
import { writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { Service } from '../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../shared/api/discovery/v1/endpoint-slice.js';
import type { ClientLog } from '../../shared/client/client-log.js';
import { systemClock } from '../../shared/util/time.js';
import type { Backend } from '../../node/proxy/backend.js';
import { ProxyMetrics } from '../../node/proxy/metrics.js';
import { buildRuleset } from '../../node/proxy/ruleset/build.js';
import { renderRestore } from '../../node/proxy/ruleset/render.js';
import { IptablesRunner, spawnExec, type Exec } from '../../node/proxy/runner.js';
import { buildSnapshot } from '../../node/proxy/snapshot.js';
import { RuleSyncer } from '../../node/proxy/syncer.js';

const quiet: ClientLog = { debug: () => {}, info: () => {}, warn: () => {}, error: (f, m) => console.error(m, f) };

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
}

/** A fresh namespace for `fn`, deleted afterwards whatever happens. */
async function inNamespace<T>(fn: (ns: string) => Promise<T>): Promise<T> {
  const ns = `bosun-bench-${randomBytes(3).toString('hex')}`;
  ip(['netns', 'add', ns]);
  try { return await fn(ns); } finally { ip(['netns', 'del', ns]); }
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

async function proxySyncs(b: Backend, services: Service[], slices: EndpointSlice[]): Promise<{ first: number; change: number; changeMode: string; changeLines: number; live: boolean }> {
  return inNamespace(async (ns) => {
    const signal = new AbortController().signal;
    const runner = new IptablesRunner({ backend: b, exec: nsExec(ns), log: quiet });
    await runner.init(signal);
    const syncer = new RuleSyncer({ runner, nodeName: 'n0', clusterCIDR: '10.244.0.0/16', masqueradeAll: false, syncMs: 3_600_000, clock: systemClock, log: quiet, metrics: new ProxyMetrics() });
    const first = await syncer.sync(services, slices, signal);
    const changed = structuredClone(slices[0]!);
    changed.endpoints![0]!.addresses = ['10.250.0.1'];
    const later = [changed, ...slices.slice(1)];
    const change = await syncer.sync(services, later, signal);
    const live = (await runner.save('nat', signal)).includes('--to-destination 10.250.0.1:8080');
    return { first: first.ms, change: change.ms, changeMode: change.mode, changeLines: change.lines, live };
  });
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('run as root (it makes network namespaces)');
  const which = process.argv[2] ?? 'all';
  const sizesArg = process.argv[3]?.split(',').map(Number);
  const plan: [Backend, number[]][] = [];
  if (which === 'legacy' || which === 'all') plan.push(['legacy', sizesArg ?? [1000, 3000, 10000]]);
  if (which === 'nft' || which === 'all') plan.push(['nft', sizesArg ?? [1000, 3000]]);
  console.log('backend  services  rules   chains  lines    raw-restore  proxy-first-sync  ratio   one-change (mode, lines)  live');
  for (const [b, sizes] of plan) {
    for (const n of sizes) {
      const { services, slices } = workload(n);
      const rs = buildRuleset(buildSnapshot({ services, slices, nodeName: 'n0', clusterCIDR: '10.244.0.0/16', masqueradeAll: false }));
      const r = renderRestore(rs, { previous: undefined });
      const file = `/tmp/bosun-bench-rules-${process.pid}.txt`;
      writeFileSync(file, r.text);
      try {
        const raw = await rawRestore(b, file);
        const p = await proxySyncs(b, services, slices);
        const rules = rs.nat.ruleCount + rs.filter.ruleCount;
        const chains = rs.nat.chains.size + rs.filter.chains.size;
        console.log([
          b.padEnd(8), String(n).padStart(8), String(rules).padStart(7), String(chains).padStart(7), String(r.lines).padStart(7),
          `${(raw / 1000).toFixed(2)} s`.padStart(12), `${(p.first / 1000).toFixed(2)} s`.padStart(17), `${(p.first / raw).toFixed(2)}x`.padStart(7),
          `${p.change.toFixed(0)} ms (${p.changeMode}, ${p.changeLines})`.padStart(26), p.live ? 'yes' : 'NO',
        ].join('  '));
      } finally { rmSync(file, { force: true }); }
    }
  }
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
