// The syncer against the real iptables of both backends, each test in a throwaway network
// namespace of its own (no traffic is sent; only the rules are read back). Root only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import type { Service } from '../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../shared/api/discovery/v1/endpoint-slice.js';
import type { ClientLog } from '../../shared/client/client-log.js';
import { systemClock } from '../../shared/util/time.js';
import type { Backend } from './backend.js';
import { ProxyMetrics } from './metrics.js';
import { buildRuleset } from './ruleset/build.js';
import { renderRestore } from './ruleset/render.js';
import { IptablesRunner, spawnExec, type Exec } from './runner.js';
import { buildSnapshot } from './snapshot.js';
import { RuleSyncer } from './syncer.js';

const quiet: ClientLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const signal = new AbortController().signal;
const ctx = { nodeName: 'n0', clusterCIDR: '10.244.0.0/16', masqueradeAll: false };

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
}

async function inNamespace(fn: (exec: Exec) => Promise<void>): Promise<void> {
  const ns = `bosun-synct-${randomBytes(3).toString('hex')}`;
  ip(['netns', 'add', ns]);
  try {
    await fn((cmd, args, input, s) => spawnExec('ip', ['netns', 'exec', ns, cmd, ...args], input, s));
  } finally { ip(['netns', 'del', ns]); }
}

/** Services `from`..`to`-1, each with 3 endpoints, one of them a UDP NodePort with affinity (more chain kinds). */
function workload(from: number, to: number): { services: Service[]; slices: EndpointSlice[] } {
  const services: Service[] = [];
  const slices: EndpointSlice[] = [];
  for (let i = from; i < to; i++) {
    const name = `s${i}`;
    services.push({
      metadata: { namespace: 'ns', name },
      spec: i % 4 === 0
        ? { type: 'NodePort', clusterIP: `10.96.0.${i + 1}`, sessionAffinity: 'ClientIP', ports: [{ port: 53, protocol: 'UDP', nodePort: 30000 + i }] }
        : { type: 'ClusterIP', clusterIP: `10.96.0.${i + 1}`, ports: [{ port: 80, protocol: 'TCP' }] },
    });
    slices.push({
      metadata: { namespace: 'ns', name: `${name}-a`, labels: { 'kubernetes.io/service-name': name } }, addressType: 'IPv4',
      ports: [{ port: i % 4 === 0 ? 5353 : 8080, protocol: i % 4 === 0 ? 'UDP' : 'TCP' }],
      endpoints: [0, 1, 2].map((k) => ({ addresses: [`10.244.${k}.${i + 2}`], conditions: { ready: i % 7 !== 3 }, nodeName: `n${k}` })),
    });
  }
  return { services, slices };
}

async function syncer(backend: Backend, exec: Exec): Promise<{ s: RuleSyncer; runner: IptablesRunner }> {
  const runner = new IptablesRunner({ backend, exec, log: quiet });
  await runner.init(signal);
  return { s: new RuleSyncer({ runner, ...ctx, fullSyncMs: 3_600_000, clock: systemClock, log: quiet, metrics: new ProxyMetrics() }), runner };
}

/** Our part of both tables as iptables-save prints it, sorted (declaration order is the kernel's). */
async function ours(runner: IptablesRunner): Promise<string[]> {
  const lines = [...(await runner.save('nat', signal)).split('\n'), ...(await runner.save('filter', signal)).split('\n')];
  return lines.filter((l) => l.includes('BOSUN-')).map((l) => l.replace(/\[\d+:\d+\]/, '')).sort();
}

/** Our rules after a first sync of `w` by a new syncer in a namespace of its own. */
async function freshRules(backend: Backend, w: ReturnType<typeof workload>): Promise<string[]> {
  let rules: string[] = [];
  await inNamespace(async (exec) => {
    const fresh = await syncer(backend, exec);
    await fresh.s.sync(w.services, w.slices, signal);
    rules = await ours(fresh.runner);
  });
  return rules;
}

for (const backend of ['legacy', 'nft'] as const) {
  test(`${backend}: a full sync leaves what a restore of the whole rendered text leaves; after a restart, stale chains are gone`, async () => {
    const w = workload(0, 30);
    let expected: string[] = [];
    await inNamespace(async (exec) => {
      const { runner } = await syncer(backend, exec);
      const rs = buildRuleset(buildSnapshot({ ...w, ...ctx }));
      await runner.restore(renderRestore(rs, { previous: undefined }).text, signal);
      expected = await ours(runner);
    });
    assert.ok(expected.some((l) => l.includes('-j DNAT')) && expected.some((l) => l.includes('-j REJECT')));
    await inNamespace(async (exec) => {
      const first = await syncer(backend, exec);
      const r = await first.s.sync(w.services, w.slices, signal);
      assert.equal(r.mode, 'full');
      const got = await ours(first.runner);
      // The same rules, plus the hooks from built-in chains that only a sync adds.
      assert.deepEqual(got.filter((l) => !/^-A (PREROUTING|INPUT|OUTPUT|POSTROUTING|FORWARD) /.test(l)), expected);
      assert.equal(got.filter((l) => /^-A (PREROUTING|INPUT|OUTPUT|POSTROUTING|FORWARD) /.test(l)).length, 8, 'the 8 hooks');

      // A change after it is a partial sync (on legacy, after working out what the streamed
      // full sync applied) and leaves what a fresh sync of the changed set leaves.
      const changed = workload(0, 31);
      changed.slices[5]!.endpoints![1]!.addresses = ['10.244.9.9'];
      assert.equal((await first.s.sync(changed.services, changed.slices, signal)).mode, 'partial');
      const afterChange = await ours(first.runner);
      assert.deepEqual(afterChange, await freshRules(backend, changed));
      assert.ok(afterChange.some((l) => l.includes('10.244.9.9')), 'the new endpoint is there');

      // A new process (as after a restart) with another set of services: its full sync leaves
      // exactly what a fresh sync of that set leaves.
      const later = workload(10, 40);
      const second = await syncer(backend, exec);
      assert.equal((await second.s.sync(later.services, later.slices, signal)).mode, 'full');
      const afterRestart = await ours(second.runner);
      assert.deepEqual(afterRestart, await freshRules(backend, later));
      assert.ok(!afterRestart.some((l) => l.includes('"ns/s5')), 'rules of services gone are gone');
    });
  });

  test(`${backend}: crossing the large-cluster threshold (1,000 endpoints) rewrites the endpoint rules in a partial sync, both ways`, async () => {
    const small = workload(0, 20);
    const large = workload(0, 20);
    large.slices[2]!.endpoints = Array.from({ length: 1001 }, (_, k) => ({ addresses: [`10.245.${k >> 8}.${k & 255}`], conditions: { ready: true }, nodeName: 'n1' }));
    const commentedEndpointRule = (l: string): boolean => l.startsWith('-A BOSUN-SEP-') && l.includes('-m comment');
    await inNamespace(async (exec) => {
      const { s, runner } = await syncer(backend, exec);
      await s.sync(small.services, small.slices, signal);
      assert.ok((await ours(runner)).some(commentedEndpointRule), 'a small cluster comments its endpoint rules');
      assert.equal((await s.sync(large.services, large.slices, signal)).mode, 'partial');
      const got = await ours(runner);
      assert.ok(!got.some(commentedEndpointRule), 'no endpoint rule keeps its comment');
      assert.deepEqual(got, await freshRules(backend, large));
      assert.equal((await s.sync(small.services, small.slices, signal)).mode, 'partial');
      assert.deepEqual(await ours(runner), await freshRules(backend, small));
    });
  });
}

test('legacy: a full sync that fails while its restore is being fed applies nothing', async () => {
  await inNamespace(async (exec) => {
    let failSave = false;
    const failing: Exec = (cmd, args, input, s) => (failSave && cmd === 'iptables-legacy-save'
      ? Promise.resolve({ code: 1, stdout: '', stderr: 'iptables-legacy-save: cannot read the tables (test)' })
      : exec(cmd, args, input, s));
    const { s, runner } = await syncer('legacy', failing);
    const w = workload(0, 20);
    await s.sync(w.services, w.slices, signal);
    const before = await ours(runner);
    failSave = true;
    const next = new RuleSyncer({ runner, ...ctx, fullSyncMs: 3_600_000, clock: systemClock, log: quiet, metrics: new ProxyMetrics() });
    const other = workload(5, 25);
    await assert.rejects(next.sync(other.services, other.slices, signal), /cannot read the tables/);
    failSave = false;
    assert.deepEqual(await ours(runner), before, 'the killed restore committed nothing');
  });
});
