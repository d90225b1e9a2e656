import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../shared/api/discovery/v1/endpoint-slice.js';
import type { ClientLog } from '../../shared/client/client-log.js';
import { FakeClock } from '../../shared/client/fake-clock.js';
import type { Backend } from './backend.js';
import { ProxyMetrics } from './metrics.js';
import { IptablesRunner, RestoreError, type Exec } from './runner.js';
import { RuleSyncer } from './syncer.js';

const quiet: ClientLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const builtins: Record<string, string[]> = { filter: ['INPUT', 'FORWARD', 'OUTPUT'], nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] };

/** A kernel model behind a fake exec: restores change it (checking every jump target exists), saves print it. */
class FakeKernel {
  readonly tables = new Map<string, Map<string, string[]>>(Object.entries(builtins).map(([t, cs]) => [t, new Map(cs.map((c) => [c, []]))]));
  readonly calls: string[] = [];
  readonly restores: string[] = [];
  failNextRestore = false;
  /** The line the next failed restore names. */
  failLine = 2;

  exec: Exec = async (cmd, args, input) => {
    this.calls.push(cmd);
    if (cmd.endsWith('-save')) return { code: 0, stdout: (args[1] === undefined ? [...this.tables.keys()] : [args[1]]).map((t) => this.save(t)).join(''), stderr: '' };
    if (args[4] === '-S') {
      const rules = this.tables.get(args[3]!)!.get(args[5]!);
      return rules === undefined ? { code: 1, stdout: '', stderr: 'No chain/target/match by that name.' } : { code: 0, stdout: rules.map((l) => `${l}\n`).join(''), stderr: '' };
    }
    if (cmd.endsWith('-restore')) {
      let text = '';
      if (typeof input === 'object') for await (const piece of input) text += piece;
      else text = input ?? '';
      if (this.failNextRestore) {
        this.failNextRestore = false;
        this.restores.push(text);
        return { code: 1, stdout: '', stderr: `iptables-restore: line ${this.failLine} failed` };
      }
      this.restores.push(text);
      this.restore(text);
      return { code: 0, stdout: '', stderr: '' };
    }
    return { code: 0, stdout: '', stderr: '' };
  };

  private save(table: string): string {
    const chains = this.tables.get(table)!;
    return [`*${table}`, ...[...chains.keys()].map((c) => `:${c} - [0:0]`), ...[...chains.values()].flat(), 'COMMIT', ''].join('\n');
  }

  private restore(text: string): void {
    let t = new Map<string, string[]>();
    for (const l of text.split('\n')) {
      if (l.startsWith('*')) t = this.tables.get(l.slice(1))!;
      else if (l.startsWith(':')) t.set(l.slice(1).split(' ')[0]!, []);
      else if (l.startsWith('-A ') || l.startsWith('-I ')) {
        const chain = l.split(' ')[1]!;
        const target = / -j (BOSUN-\S+)/.exec(l)?.[1];
        assert.ok(target === undefined || t.has(target), `${l}: no chain ${target}`);
        if (l.startsWith('-A ')) t.get(chain)!.push(l); else t.get(chain)!.unshift(l.replace(/^-I /, '-A '));
      } else if (l.startsWith('-X ')) t.delete(l.slice(3));
    }
  }

  own(table: string): string[] { return [...this.tables.get(table)!.keys()].filter((c) => c.startsWith('BOSUN-')).sort(); }
}

function workload(n: number, endpointIP = (i: number, k: number) => `10.244.${k}.${i}`): { services: Service[]; slices: EndpointSlice[] } {
  const services: Service[] = [];
  const slices: EndpointSlice[] = [];
  for (let i = 0; i < n; i++) {
    services.push({ metadata: { namespace: 'ns', name: `s${i}` }, spec: { type: 'ClusterIP', clusterIP: `10.96.0.${i + 1}`, ports: [{ port: 80, protocol: 'TCP' }] } });
    slices.push({
      metadata: { namespace: 'ns', name: `s${i}-a`, labels: { 'kubernetes.io/service-name': `s${i}` } }, addressType: 'IPv4', ports: [{ port: 8080, protocol: 'TCP' }],
      endpoints: [0, 1, 2].map((k) => ({ addresses: [endpointIP(i, k)], conditions: { ready: true } })),
    });
  }
  return { services, slices };
}

async function setup(backend: Backend, chunkLines?: number): Promise<{ k: FakeKernel; clock: FakeClock; s: RuleSyncer; runner: IptablesRunner }> {
  const k = new FakeKernel();
  const clock = new FakeClock();
  const runner = new IptablesRunner({ backend, exec: k.exec, log: quiet });
  await runner.init(new AbortController().signal);
  const s = new RuleSyncer({ runner, nodeName: 'n1', clusterCIDR: '10.244.0.0/16', masqueradeAll: false, fullSyncMs: 3_600_000, clock, log: quiet, metrics: new ProxyMetrics(), ...(chunkLines !== undefined ? { chunkLines } : {}) });
  return { k, clock, s, runner };
}

const signal = new AbortController().signal;

test('full at start, partial on a change, nothing on no change; only full and periodic syncs read the kernel', async () => {
  const { k, s } = await setup('legacy');
  const w = workload(3);
  const first = await s.sync(w.services, w.slices, signal);
  assert.equal(first.mode, 'full');
  assert.equal(first.restores, 1, 'legacy: one restore');
  assert.equal(k.calls.filter((c) => c.endsWith('-save')).length, 1, 'one save of every table');
  assert.ok(k.tables.get('nat')!.get('PREROUTING')!.some((l) => l.includes('-j BOSUN-SERVICES')), 'hooks added');
  assert.equal(k.own('nat').filter((c) => c.startsWith('BOSUN-SEP-')).length, 9);
  const calls = k.calls.length;
  const w2 = workload(3, (i, n) => (i === 1 && n === 0 ? '10.244.9.9' : `10.244.${n}.${i}`));
  const change = await s.sync(w2.services, w2.slices, signal);
  assert.equal(change.mode, 'partial');
  assert.equal(change.rebuiltPorts, 1);
  assert.equal(change.writtenChains, 2, 'the service chain and the new endpoint chain');
  assert.equal(k.own('nat').filter((c) => c.startsWith('BOSUN-SEP-')).length, 9, 'the old endpoint chain deleted');
  const noop = await s.sync(w2.services, w2.slices, signal);
  assert.equal(noop.mode, 'noop');
  assert.deepEqual(k.calls.slice(calls), ['iptables-legacy-restore'], 'no save on change syncs');
});

test('a periodic sync re-checks the kernel: a removed hook comes back, a lost chain makes it full; a full sync every full period', async () => {
  const { k, clock, s } = await setup('legacy');
  const w = workload(2);
  await s.sync(w.services, w.slices, signal);
  assert.equal((await s.sync(w.services, w.slices, signal, 'periodic')).mode, 'noop');
  k.tables.get('nat')!.set('PREROUTING', []);
  const hook = await s.sync(w.services, w.slices, signal, 'periodic');
  assert.equal(hook.mode, 'partial');
  assert.equal(hook.writtenChains, 0);
  assert.equal(k.tables.get('nat')!.get('PREROUTING')!.filter((l) => l.includes('-j BOSUN-SERVICES')).length, 1);
  const sep = k.own('nat').find((c) => c.startsWith('BOSUN-SEP-'))!;
  k.tables.get('nat')!.delete(sep);
  assert.equal((await s.sync(w.services, w.slices, signal)).mode, 'noop', 'a change sync trusts what it applied');
  const lost = await s.sync(w.services, w.slices, signal, 'periodic');
  assert.equal(lost.mode, 'full');
  assert.ok(k.own('nat').includes(sep));
  await clock.advance(3_599_000);
  assert.equal((await s.sync(w.services, w.slices, signal)).mode, 'noop');
  await clock.advance(1000);
  assert.equal((await s.sync(w.services, w.slices, signal)).mode, 'full', 'an hour after the last full one');
});

test('a failed restore throws and the next sync is full; a full sync deletes stale chains of ours', async () => {
  const { k, s } = await setup('legacy');
  const w = workload(3);
  await s.sync(w.services, w.slices, signal);
  k.failNextRestore = true;
  const w2 = workload(2);
  await assert.rejects(s.sync(w2.services, w2.slices, signal), /exited 1/);
  const next = await s.sync(w2.services, w2.slices, signal);
  assert.equal(next.mode, 'full');
  assert.equal(k.own('nat').filter((c) => c.startsWith('BOSUN-SVC-')).length, 2);
  assert.equal(k.own('nat').filter((c) => c.startsWith('BOSUN-SEP-')).length, 6);
});

test('a streamed full restore that fails is logged with the lines around the one iptables names, though its pieces were not kept', async () => {
  const { k, s } = await setup('legacy');
  const w = workload(12);
  k.failNextRestore = true;
  k.failLine = 40;
  const err = await s.sync(w.services, w.slices, signal).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof RestoreError, String(err));
  const sent = k.restores[0]!.split('\n');
  assert.equal(err.line, 40);
  assert.deepEqual(err.context, sent.slice(34, 45).map((l, i) => `${i + 35 === 40 ? '>' : ' '}${String(i + 35).padStart(6)}: ${l}`));
  const last = sent.length - 2;                             // the hooks, added at the end once the save answered
  k.failNextRestore = true;
  k.failLine = last;
  const again = await s.sync(w.services, w.slices, signal).then(() => undefined, (e: unknown) => e);
  assert.ok(again instanceof RestoreError && again.context.includes(`>${String(last).padStart(6)}: ${sent[last - 1]}`), String(again));
});

test('nft: a full sync is cut into several restores, each loading only over chains already there; a small change is one restore', async () => {
  const { k, s, runner } = await setup('nft', 40);
  const w = workload(30);
  const first = await s.sync(w.services, w.slices, signal);
  assert.equal(first.mode, 'full');
  assert.ok(first.restores >= 5, `${first.restores} restores`);
  assert.ok(k.restores.slice(0, -1).every((t) => !t.includes(':BOSUN-SERVICES ')), 'dispatch chain in the last restore only');
  assert.equal(k.own('nat').filter((c) => c.startsWith('BOSUN-SVC-')).length, 30);
  const w2 = workload(30, (i, n) => (i === 4 && n === 2 ? '10.244.9.9' : `10.244.${n}.${i}`));
  const change = await s.sync(w2.services, w2.slices, signal);
  assert.equal(change.restores, 1);
  // A new process's full sync over the loaded tables (other services, other endpoints) works chunk by chunk too.
  const again = new RuleSyncer({ runner, nodeName: 'n1', clusterCIDR: '10.244.0.0/16', masqueradeAll: false, fullSyncMs: 3_600_000, chunkLines: 40, clock: new FakeClock(), log: quiet, metrics: new ProxyMetrics() });
  const w3 = workload(20, (i, n) => `10.244.${n + 3}.${i}`);
  const full = await again.sync(w3.services, w3.slices, signal);
  assert.equal(full.mode, 'full');
  assert.equal(k.own('nat').filter((c) => c.startsWith('BOSUN-SEP-')).length, 60);
});

test('nft: a periodic sync lists the built-in and shared chains instead of saving the tables', async () => {
  const { k, s } = await setup('nft');
  const w = workload(3);
  await s.sync(w.services, w.slices, signal);
  const saves = (): number => k.calls.filter((c) => c.endsWith('-save')).length;
  assert.equal(saves(), 1);
  assert.equal((await s.sync(w.services, w.slices, signal, 'periodic')).mode, 'noop');
  k.tables.get('filter')!.set('FORWARD', []);
  const hook = await s.sync(w.services, w.slices, signal, 'periodic');
  assert.equal(hook.mode, 'partial');
  assert.equal(k.tables.get('filter')!.get('FORWARD')!.filter((l) => l.includes('BOSUN-')).length, 3, 'its three hooks back');
  assert.equal(saves(), 1, 'no save');
  k.tables.get('nat')!.delete('BOSUN-MARK-MASQ');
  for (const [name, rules] of k.tables.get('nat')!) if (name.startsWith('BOSUN-')) k.tables.get('nat')!.set(name, rules.filter((l) => !l.includes('BOSUN-MARK-MASQ')));
  const lost = await s.sync(w.services, w.slices, signal, 'periodic');
  assert.equal(lost.mode, 'full');
  assert.ok(k.own('nat').includes('BOSUN-MARK-MASQ'));
});
