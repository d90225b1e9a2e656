// Leader election on a coordination.k8s.io/v1 Lease (client-go tools/leaderelection): acquire
// the lease when it is free or its holder stopped renewing, renew it every retry period, step
// down (abort the leading signal) when renewal fails for longer than the renew deadline, and
// release it on a clean shutdown. Every write carries the resourceVersion read: a 409 means
// another candidate won.
import type { Lease } from '../api/coordination/v1/lease.js';
import { isStatusError } from '../api/errors.js';
import { deepEqual } from '../util/deep-equal.js';
import type { ClientLog } from './client-log.js';
import { acquiredSpec, mayAcquire, releasedSpec, type Observation } from './lease-record.js';
import type { WriteOptions } from './resource-client.js';
import { sleep, withDeadline, type TimerClock } from './timers.js';

/** What the elector needs of a ResourceClient<Lease>. */
export interface LeaseClient {
  get(namespace: string, name: string, signal: AbortSignal): Promise<Lease>;
  create(namespace: string, obj: Lease, opts: WriteOptions, signal: AbortSignal): Promise<Lease>;
  update(obj: Lease, signal: AbortSignal): Promise<Lease>;
}

export interface LeaderElectorOptions {
  readonly client: LeaseClient;
  readonly namespace?: string;
  readonly name: string;
  /** Unique per process, e.g. `${hostname}_${randomUUID()}`. */
  readonly identity: string;
  readonly leaseDurationSeconds?: number;
  readonly renewDeadlineSeconds?: number;
  readonly retryPeriodSeconds?: number;
  readonly clock: TimerClock;
  readonly log: ClientLog;
}

export interface LeaderCallbacks {
  /** Runs while leading; `signal` aborts when leadership ends. Should it return, leadership is given up. */
  onStartedLeading(signal: AbortSignal): Promise<void> | void;
  /** Called once after leading ended (not if this candidate never led). */
  onStoppedLeading?(): void;
}

export class LeaderElector {
  private readonly o: LeaderElectorOptions;
  private readonly namespace: string;
  private readonly durationS: number;
  private readonly deadlineMs: number;
  private readonly retryMs: number;
  private seen: Observation | undefined;
  /** The lease as last read or written by this candidate. */
  private lease: Lease | undefined;

  constructor(opts: LeaderElectorOptions) {
    this.o = opts;
    this.namespace = opts.namespace ?? 'kube-system';
    this.durationS = opts.leaseDurationSeconds ?? 15;
    this.deadlineMs = (opts.renewDeadlineSeconds ?? 10) * 1000;
    this.retryMs = (opts.retryPeriodSeconds ?? 2) * 1000;
    if (!(this.durationS * 1000 > this.deadlineMs)) throw new Error('leaseDurationSeconds must be greater than renewDeadlineSeconds');
    if (!(this.deadlineMs > this.retryMs * 1.2)) throw new Error('renewDeadlineSeconds must be greater than 1.2 × retryPeriodSeconds');
    if (opts.identity === '') throw new Error('a leader election identity must not be empty');
  }

  /** The holder last seen on the lease ('' when free). */
  leader(): string {
    return this.seen?.spec.holderIdentity ?? '';
  }

  isLeader(): boolean {
    return this.leader() === this.o.identity;
  }

  /**
   * Waits to acquire the lease, leads until `signal` aborts, renewal fails or onStartedLeading
   * returns, then releases the lease if it still holds it. Resolves when all of that is over.
   */
  async run(signal: AbortSignal, callbacks: LeaderCallbacks): Promise<void> {
    if (!(await this.acquire(signal))) return;
    if (signal.aborted) { await this.release(); return; }   // acquired just as we were stopped
    const lead = new AbortController();
    const stop = (): void => lead.abort();
    signal.addEventListener('abort', stop, { once: true });
    const work = (async () => { await callbacks.onStartedLeading(lead.signal); })()
      .catch((err: unknown) => { this.o.log.error({ err, lease: this.leaseName() }, 'Leader work failed'); })
      .finally(stop);
    const kept = await this.renewUntil(lead.signal);
    lead.abort();
    signal.removeEventListener('abort', stop);
    await work;
    if (kept) await this.release();
    else this.o.log.warn({ lease: this.leaseName(), identity: this.o.identity }, 'Lost leadership');
    callbacks.onStoppedLeading?.();
  }

  private async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      if (await this.tryWithin(signal, this.deadlineMs)) {
        this.o.log.info({ lease: this.leaseName(), identity: this.o.identity }, 'Acquired leadership');
        return true;
      }
      await sleep(this.o.clock, this.retryMs, signal);
    }
    return false;
  }

  /** Renews every retry period while `lead` lasts; false when a renewal missed its deadline. */
  private async renewUntil(lead: AbortSignal): Promise<boolean> {
    for (;;) {
      await sleep(this.o.clock, this.retryMs, lead);
      if (lead.aborted) return true;
      const until = this.o.clock.now().getTime() + this.deadlineMs;
      let renewed = false;
      while (!renewed && !lead.aborted) {
        const left = until - this.o.clock.now().getTime();
        if (left <= 0) return false;
        renewed = await this.tryWithin(lead, left);
        if (!renewed) await sleep(this.o.clock, Math.min(this.retryMs, Math.max(0, until - this.o.clock.now().getTime())), lead);
      }
      if (lead.aborted) return true;
    }
  }

  private async tryWithin(signal: AbortSignal, ms: number): Promise<boolean> {
    const d = withDeadline(signal, this.o.clock, ms);
    try {
      return await this.tryAcquireOrRenew(d.signal);
    } catch (err) {
      if (!signal.aborted) this.o.log.warn({ err, lease: this.leaseName() }, 'Lease request failed');
      return false;
    } finally {
      d.dispose();
    }
  }

  /** One attempt: read the lease, and write it if this candidate may hold it. */
  private async tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const c = this.o.client;
    const now = this.o.clock.now();
    let current: Lease;
    try {
      current = await c.get(this.namespace, this.o.name, signal);
    } catch (err) {
      if (!isStatusError(err, 'NotFound')) throw err;
      const spec = acquiredSpec(undefined, this.o.identity, this.durationS, now);
      const lease: Lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
        metadata: { name: this.o.name, namespace: this.namespace }, spec };
      return this.wrote(await this.conflictAsFalse(() => c.create(this.namespace, lease, {}, signal)), now);
    }
    this.observe(current, now.getTime());
    if (!mayAcquire(this.seen!, this.o.identity, now.getTime(), this.durationS)) return false;
    const next: Lease = { ...current, spec: acquiredSpec(current.spec, this.o.identity, this.durationS, now) };
    return this.wrote(await this.conflictAsFalse(() => c.update(next, signal)), now);
  }

  /**
   * Hands the lease back. A renewal cut short by the stop may still have been written, so a
   * conflict re-reads the lease and tries again while it is still ours.
   */
  private async release(): Promise<void> {
    const d = withDeadline(new AbortController().signal, this.o.clock, this.deadlineMs);
    try {
      let lease = this.lease;
      for (let attempt = 0; attempt < 3 && lease?.spec?.holderIdentity === this.o.identity; attempt++) {
        const next: Lease = { ...lease, spec: releasedSpec(lease.spec, this.o.clock.now()) };
        const written = await this.conflictAsFalse(() => this.o.client.update(next, d.signal));
        if (written !== undefined) {
          this.observe(written, this.o.clock.now().getTime());
          this.o.log.info({ lease: this.leaseName(), identity: this.o.identity }, 'Released leadership');
          return;
        }
        lease = await this.o.client.get(this.namespace, this.o.name, d.signal);
      }
    } catch (err) {
      this.o.log.warn({ err, lease: this.leaseName() }, 'Could not release lease');
    } finally {
      d.dispose();
    }
  }

  private async conflictAsFalse(write: () => Promise<Lease>): Promise<Lease | undefined> {
    try {
      return await write();
    } catch (err) {
      if (isStatusError(err, 'Conflict') || isStatusError(err, 'AlreadyExists')) return undefined;
      throw err;
    }
  }

  private wrote(lease: Lease | undefined, now: Date): boolean {
    if (lease === undefined) return false;
    this.observe(lease, now.getTime());
    return true;
  }

  private observe(lease: Lease, at: number): void {
    this.lease = lease;
    const spec = lease.spec ?? {};
    if (this.seen === undefined || !deepEqual(this.seen.spec, spec)) this.seen = { spec, at };
  }

  private leaseName(): string {
    return `${this.namespace}/${this.o.name}`;
  }
}
