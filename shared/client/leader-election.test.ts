import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lease } from '../api/coordination/v1/lease.js';
import { alreadyExists, notFound, staleObject, StatusError } from '../api/errors.js';
import { FakeClock, settle } from './fake-clock.js';
import { LeaderElector, type LeaseClient } from './leader-election.js';
import { recordingLog } from './test-log.js';

const gr = { group: 'coordination.k8s.io', resource: 'leases' };

/** One lease in memory with the apiserver's resourceVersion preconditions; `down` fails every call. */
class MemoryLeases implements LeaseClient {
  lease: Lease | undefined;
  rv = 0;
  down = false;
  writes: string[] = [];

  async get(_ns: string, name: string): Promise<Lease> {
    this.check();
    if (this.lease === undefined) throw notFound(gr, name);
    return structuredClone(this.lease);
  }

  async create(_ns: string, obj: Lease): Promise<Lease> {
    this.check();
    if (this.lease !== undefined) throw alreadyExists(gr, obj.metadata.name ?? '');
    return this.store(obj);
  }

  async update(obj: Lease): Promise<Lease> {
    this.check();
    if (this.lease === undefined) throw notFound(gr, obj.metadata.name ?? '');
    if (obj.metadata.resourceVersion !== this.lease.metadata.resourceVersion) throw staleObject(gr, obj.metadata.name ?? '');
    return this.store(obj);
  }

  private store(obj: Lease): Lease {
    this.lease = structuredClone({ ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } });
    this.writes.push(this.lease.spec?.holderIdentity ?? '');
    return structuredClone(this.lease);
  }

  private check(): void {
    if (this.down) throw new StatusError(503, 'ServiceUnavailable', 'down');
  }
}

function candidate(leases: LeaseClient, clock: FakeClock, identity: string) {
  const elector = new LeaderElector({ client: leases, name: 'bosun-controller-manager', identity, clock, log: recordingLog() });
  const ac = new AbortController();
  const state = { leading: false, stopped: 0, leadSignal: undefined as AbortSignal | undefined };
  const done = elector.run(ac.signal, {
    onStartedLeading: async (signal) => {
      state.leading = true;
      state.leadSignal = signal;
      await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
      state.leading = false;
    },
    onStoppedLeading: () => { state.stopped++; },
  });
  return { elector, ac, state, done };
}

test('of two candidates only one leads, and the other takes over quickly when the leader shuts down cleanly', async () => {
  const clock = new FakeClock();
  const leases = new MemoryLeases();
  const a = candidate(leases, clock, 'a');
  await settle();
  const b = candidate(leases, clock, 'b');
  await clock.advance(10_000);
  assert.equal(a.state.leading, true);
  assert.equal(b.state.leading, false);
  assert.equal(leases.lease?.spec?.holderIdentity, 'a');
  assert.equal(leases.lease?.spec?.leaseTransitions, 0);
  assert.equal(b.elector.leader(), 'a');
  a.ac.abort();
  await a.done;
  assert.equal(a.state.stopped, 1);
  assert.deepEqual({ holder: leases.lease?.spec?.holderIdentity, duration: leases.lease?.spec?.leaseDurationSeconds }, { holder: '', duration: 1 });
  await clock.advance(2_000);                       // one retry period, not a whole lease duration
  assert.equal(b.state.leading, true);
  assert.equal(leases.lease?.spec?.holderIdentity, 'b');
  assert.equal(leases.lease?.spec?.leaseTransitions, 1);
  b.ac.abort();
  await b.done;
});

test('a leader renews every retry period with a MicroTime renewTime and keeps its acquireTime', async () => {
  const clock = new FakeClock();
  const leases = new MemoryLeases();
  const a = candidate(leases, clock, 'a');
  await settle();
  const acquired = leases.lease?.spec?.acquireTime;
  await clock.advance(6_000);
  assert.equal(leases.writes.length, 4);
  assert.equal(leases.lease?.spec?.acquireTime, acquired);
  assert.equal(leases.lease?.spec?.renewTime, '2026-11-25T06:00:06.000000Z');
  a.ac.abort();
  await a.done;
});

test('a candidate takes a lease whose holder vanished only after the lease duration, counting a transition', async () => {
  const clock = new FakeClock();
  const leases = new MemoryLeases();
  leases.lease = { metadata: { name: 'bosun-controller-manager', namespace: 'kube-system', resourceVersion: '1' },
    spec: { holderIdentity: 'crashed', leaseDurationSeconds: 15, leaseTransitions: 5, renewTime: '2026-11-25T05:00:00.000000Z' } };
  leases.rv = 1;
  const b = candidate(leases, clock, 'b');
  await clock.advance(14_000);
  assert.equal(b.state.leading, false);
  await clock.advance(2_000);
  assert.equal(b.state.leading, true);
  assert.equal(leases.lease?.spec?.leaseTransitions, 6);
  b.ac.abort();
  await b.done;
});

test('a release that meets a newer write of its own lease re-reads it and still releases', async () => {
  const clock = new FakeClock();
  const leases = new MemoryLeases();
  const a = candidate(leases, clock, 'a');
  await settle();
  leases.lease = { ...leases.lease!, metadata: { ...leases.lease!.metadata, resourceVersion: String(++leases.rv) } };
  a.ac.abort();                                     // as if a renewal was written but its answer lost
  await a.done;
  assert.equal(leases.lease?.spec?.holderIdentity, '');
});

test('a leader that cannot renew within the renew deadline steps down without releasing', async () => {
  const clock = new FakeClock();
  const leases = new MemoryLeases();
  const a = candidate(leases, clock, 'a');
  await settle();
  assert.equal(a.state.leading, true);
  leases.down = true;
  await clock.advance(2_000 + 9_000);
  assert.equal(a.state.leadSignal?.aborted, false, 'still inside the renew deadline');
  await clock.advance(1_000);
  await a.done;
  assert.equal(a.state.leadSignal?.aborted, true);
  assert.equal(a.state.stopped, 1);
  assert.equal(leases.lease?.spec?.holderIdentity, 'a', 'no release was written');
});

test('a lease written by someone else between read and write is a lost race, not an error', async () => {
  const clock = new FakeClock();
  const leases = new MemoryLeases();
  const racing: LeaseClient = {
    get: (ns, name) => leases.get(ns, name),
    create: async (ns, obj) => { await leases.create(ns, { ...obj, spec: { holderIdentity: 'winner', leaseDurationSeconds: 15 } }); return leases.create(ns, obj); },
    update: (obj) => leases.update(obj),
  };
  const b = candidate(racing, clock, 'b');
  await clock.advance(1_000);
  assert.equal(b.state.leading, false);
  assert.equal(b.elector.leader(), '');
  b.ac.abort();
  await b.done;
  assert.equal(b.state.stopped, 0, 'never led, so never stopped');
});

test('options that cannot work are refused', () => {
  const base = { client: new MemoryLeases(), name: 'x', identity: 'a', clock: new FakeClock(), log: recordingLog() };
  assert.throws(() => new LeaderElector({ ...base, leaseDurationSeconds: 10, renewDeadlineSeconds: 10 }), /leaseDurationSeconds/);
  assert.throws(() => new LeaderElector({ ...base, renewDeadlineSeconds: 2, retryPeriodSeconds: 2 }), /renewDeadlineSeconds/);
  assert.throws(() => new LeaderElector({ ...base, identity: '' }), /identity/);
});
