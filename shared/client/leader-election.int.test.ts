// Leader election on a real apiserver's Lease: one of two candidates leads; a clean stop hands
// over at once; a leader cut off from the apiserver steps down and is replaced within the lease.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiserverProcess } from '../../e2e/support/apiserver.js';
import { EtcdCluster } from '../../e2e/support/etcd.js';
import type { Lease } from '../api/coordination/v1/lease.js';
import { StatusError } from '../api/errors.js';
import { LeaderElector, type LeaseClient } from './leader-election.js';
import { RestClient } from './rest-client.js';
import { recordingLog } from './test-log.js';
import { systemTimerClock } from './timers.js';

const leases = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true };
const timing = { leaseDurationSeconds: 3, renewDeadlineSeconds: 2, retryPeriodSeconds: 0.25 };

interface Candidate {
  readonly identity: string;
  readonly elector: LeaderElector;
  readonly stop: AbortController;
  readonly done: Promise<void>;
  readonly started: Promise<number>;
  readonly log: ReturnType<typeof recordingLog>;
  leading: boolean;
  leadSignal?: AbortSignal;
}

function candidate(client: LeaseClient, name: string, identity: string): Candidate {
  const log = recordingLog();
  const elector = new LeaderElector({ client, name, identity, clock: systemTimerClock, log, ...timing });
  const stop = new AbortController();
  let markStarted: (at: number) => void = () => {};
  const started = new Promise<number>((r) => { markStarted = r; });
  const c: Candidate = {
    identity, elector, stop, started, log, leading: false,
    done: elector.run(stop.signal, {
      onStartedLeading: async (signal) => {
        c.leading = true;
        c.leadSignal = signal;
        markStarted(Date.now());
        await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
        c.leading = false;
      },
    }),
  };
  return c;
}

/** `p`, or a failure naming `what` and what the candidates logged if it takes longer than `ms`. */
const within = <T>(p: Promise<T>, ms: number, what: string, ...who: Candidate[]): Promise<T> => Promise.race([
  p, new Promise<T>((_r, reject) => setTimeout(() => {
    const logs = who.map((c) => `${c.identity}: ${c.log.lines.map((l) => `${l.message} ${l.fields['err'] instanceof Error ? l.fields['err'].message : ''}`).join('; ')}`);
    reject(new Error(`${what} took longer than ${ms} ms (${logs.join(' | ')})`));
  }, ms).unref()),
]);

describe('leader election on a real apiserver', () => {
  let etcd: EtcdCluster;
  let apiserver: ApiserverProcess;
  let rest: RestClient;
  const signal = new AbortController().signal;

  before(async () => {
    etcd = await EtcdCluster.start(1);
    apiserver = await ApiserverProcess.start(etcd.endpoints);
    rest = new RestClient({ server: apiserver.url, userAgent: 'leader-election-int-test' });
  });
  after(async () => {
    rest?.close();
    await apiserver?.stop();
    await etcd?.stop();
  });

  test('only one of two candidates leads, and a clean stop lets the other take over within the lease duration', async () => {
    const client = rest.resource<Lease>(leases);
    const a = candidate(client, 'clean', 'a');
    const b = candidate(client, 'clean', 'b');
    const first = await within(Promise.race([a.started.then(() => a), b.started.then(() => b)]), 10_000, 'electing a leader', a, b);
    const second = first === a ? b : a;
    while (second.elector.leader() !== first.identity) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1_000));  // several retry periods for the follower to try
    assert.equal(first.leading, true);
    assert.equal(second.leading, false);
    const lease = await client.get('kube-system', 'clean', signal);
    assert.equal(lease.spec?.holderIdentity, first.identity);
    assert.match(lease.spec?.renewTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    assert.equal(lease.spec?.leaseDurationSeconds, 3);

    const stoppedAt = Date.now();
    first.stop.abort();
    await first.done;
    const takenAt = await within(second.started, timing.leaseDurationSeconds * 1000, 'the takeover', first, second);
    assert.ok(takenAt - stoppedAt < timing.leaseDurationSeconds * 1000);
    const after = await client.get('kube-system', 'clean', signal);
    assert.equal(after.spec?.holderIdentity, second.identity);
    assert.equal(after.spec?.leaseTransitions, 1);
    second.stop.abort();
    await second.done;
    assert.equal((await client.get('kube-system', 'clean', signal)).spec?.holderIdentity, '');
  });

  test('a leader cut off from the apiserver steps down, and the other takes over once the lease expires', async () => {
    const real = rest.resource<Lease>(leases);
    let cut = false;
    const cutOff = (): void => { if (cut) throw new StatusError(503, 'ServiceUnavailable', 'cut off'); };
    const flaky: LeaseClient = {
      get: async (ns, name, s) => { cutOff(); return real.get(ns, name, s); },
      create: async (ns, obj, o, s) => { cutOff(); return real.create(ns, obj, o, s); },
      update: async (obj, s) => { cutOff(); return real.update(obj, s); },
    };
    const a = candidate(flaky, 'cut', 'a');
    await within(a.started, 10_000, 'electing a', a);
    const b = candidate(real, 'cut', 'b');
    while (b.elector.leader() !== 'a') await new Promise((r) => setTimeout(r, 50));
    const cutAt = Date.now();
    cut = true;
    await within(a.done, (timing.renewDeadlineSeconds + 2) * 1000, 'a stepping down', a);
    assert.equal(a.leadSignal?.aborted, true);
    const takenAt = await within(b.started, (timing.leaseDurationSeconds + 3) * 1000, 'b taking over', a, b);
    assert.ok(takenAt - cutAt >= timing.renewDeadlineSeconds * 1000, 'b waited for the lease to run out');
    const lease = await real.get('kube-system', 'cut', signal);
    assert.equal(lease.spec?.holderIdentity, 'b');
    assert.equal(lease.spec?.leaseTransitions, 1);
    b.stop.abort();
    await b.done;
  });
});
