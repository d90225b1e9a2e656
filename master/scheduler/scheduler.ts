// The scheduler: informers fill the cache and the queue; one loop pops a pod, finds its node
// (synchronously, on the cache), assumes it there and hands the binding to a bounded pool of
// concurrent writes, then takes the next pod. A pod that fits nowhere gets PodScheduled=False
// and a FailedScheduling event, and waits in the queue for a cluster event.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Node } from '../../shared/api/core/v1/node.js';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import type { InformerFactory } from '../../shared/client/informer-factory.js';
import type { Informer } from '../../shared/client/informer.js';
import type { RestClient } from '../../shared/client/rest-client.js';
import type { TimerClock } from '../../shared/client/timers.js';
import { EventRecorder, eventSinkFrom } from '../../shared/client/event-recorder.js';
import { SchedulerCache } from './cache.js';
import type { SchedulerConfiguration } from './config.js';
import { addNodeHandlers, addPodHandlers, schedulerNameOf, type HandlerDeps } from './event-handlers.js';
import { findNode, type SearchCursor } from './find-node.js';
import { buildFramework } from './framework/build.js';
import type { Framework } from './framework/framework.js';
import { deferredEventSink } from './event-sink.js';
import { Semaphore } from '../../shared/util/semaphore.js';
import { reportUnschedulable, type FailureDeps } from './failure.js';
import { SchedulingQueue, type QueuedPod } from './queue.js';
import type { CycleState } from './framework/cycle-state.js';

const pods = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const nodes = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;
export const podKind = { group: '', version: 'v1', kind: 'Pod' } as const;

export interface SchedulerDeps {
  readonly client: RestClient;
  readonly informers: InformerFactory;
  readonly config: SchedulerConfiguration;
  readonly clock: TimerClock;
  readonly log: Logger;
  /** Bindings written at once; more wait their turn (the pods stay assumed meanwhile). */
  readonly bindConcurrency?: number;
  /** Write a Normal "Scheduled" event for each bound pod, as Kubernetes does. */
  readonly scheduledEvents?: boolean;
}

/** Counters of the decisions taken, for logs and the benchmark. */
export interface SchedulerStats {
  scheduled: number;
  unschedulable: number;
  errors: number;
  bindFailures: number;
  /** Milliseconds spent in findNode (filter + score). */
  decisionMs: number;
}

export class Scheduler {
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly stats: SchedulerStats = { scheduled: 0, unschedulable: 0, errors: 0, bindFailures: 0, decisionMs: 0 };
  private readonly d: SchedulerDeps;
  private readonly log: Logger;
  private readonly profiles = new Map<string, Framework>();
  private readonly recorders = new Map<string, EventRecorder>();
  private readonly cursor: SearchCursor = { next: 0 };
  /** Bindings being written; the others wait their turn (their pods stay assumed meanwhile). */
  private readonly binds: Semaphore;
  private readonly running = new Set<Promise<void>>();
  private podInformer: Informer<Pod> | undefined;

  constructor(d: SchedulerDeps) {
    this.d = d;
    this.log = d.log.child({ component: 'scheduler' });
    this.queue = new SchedulingQueue({ clock: d.clock });
    this.binds = new Semaphore(d.bindConcurrency ?? 64);
    const binder = d.client.resource<Pod>(pods);
    const sink = deferredEventSink(eventSinkFrom(d.client), 4, this.binds);
    for (const profile of d.config.profiles) {
      const fwk = buildFramework(profile, d.config.percentageOfNodesToScore, { cluster: this.cache, binder });
      this.profiles.set(profile.schedulerName, fwk);
      // Events wait for a burst of bindings to end: room for a large burst's worth.
      this.recorders.set(profile.schedulerName, new EventRecorder({
        sink, component: profile.schedulerName, clock: d.clock, log: this.log, maxInFlight: 20_000,
      }));
    }
  }

  /** Registers the handlers, waits for the caches, then schedules until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    const deps: HandlerDeps = { cache: this.cache, queue: this.queue, responsibleFor: (p) => this.profiles.has(schedulerNameOf(p)) };
    const nodeInformer = this.d.informers.informer<Node>(nodes);
    this.podInformer = this.d.informers.informer<Pod>(pods);
    addNodeHandlers(deps, nodeInformer);
    addPodHandlers(deps, this.podInformer);
    signal.addEventListener('abort', () => this.queue.close(), { once: true });
    if (!(await this.d.informers.waitForSync(signal))) return;
    this.log.info({ nodes: this.cache.nodeCount(), pending: this.queue.stats().active, profiles: [...this.profiles.keys()] }, 'Scheduler started');
    for (let q = await this.queue.pop(signal); q !== undefined; q = await this.queue.pop(signal)) {
      try {
        this.scheduleOne(q, signal);
      } catch (err) {
        this.stats.errors++;
        this.log.error({ err, pod: q.key }, 'Scheduling cycle failed');
        this.queue.addBackoff(q);
      }
      await yieldToEventLoop();   // let watch events and binding answers in between pods
    }
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    await Promise.all([...this.recorders.values()].map((r) => r.flush()));
  }

  private scheduleOne(q: QueuedPod, signal: AbortSignal): void {
    const current = this.podInformer?.store.get(q.key);
    if (current === undefined || (current.spec?.nodeName ?? '') !== '' || current.metadata.deletionTimestamp !== undefined || this.cache.isAssumed(q.key)) {
      this.queue.done(q.key);
      return;
    }
    q.pod = current;
    const fwk = this.profiles.get(schedulerNameOf(current));
    if (fwk === undefined) { this.queue.done(q.key); return; }
    const t0 = performance.now();
    const decision = findNode(fwk, this.cache, current, this.cursor);
    this.stats.decisionMs += performance.now() - t0;
    switch (decision.kind) {
      case 'Scheduled': this.assumeAndBind(fwk, q, decision.state, decision.nodeName, signal); return;
      case 'Unschedulable': {
        this.stats.unschedulable++;
        const post = fwk.runPostFilter(decision.state, current, decision.diagnosis);
        this.track(reportUnschedulable(this.failureDeps(fwk), current, decision.diagnosis, post, signal));
        this.queue.addUnschedulable(q);
        return;
      }
      case 'Error':
        this.stats.errors++;
        this.log.error({ err: decision.error, pod: q.key }, 'Scheduling plugin failed');
        this.recorders.get(fwk.schedulerName)?.record({ object: current, gvk: podKind }, 'Warning', 'FailedScheduling', decision.error.message, signal);
        this.queue.addBackoff(q);
        return;
      default: { const never: never = decision; throw new Error(`unknown decision ${JSON.stringify(never)}`); }
    }
  }

  private assumeAndBind(fwk: Framework, q: QueuedPod, state: CycleState, nodeName: string, signal: AbortSignal): void {
    const pod = q.pod;
    this.cache.assume(q.key, pod, nodeName);
    const reserved = fwk.runReserve(state, pod, nodeName);
    if (reserved.code !== 'Success') {
      this.cache.forget(q.key);
      this.queue.addBackoff(q);
      return;
    }
    this.queue.done(q.key);
    this.stats.scheduled++;
    this.submitBind(async () => {
      const s = await fwk.runBind(state, pod, nodeName, signal);
      if (s.code === 'Success') {
        this.log.debug({ pod: q.key, node: nodeName }, 'Bound pod');
        if (this.d.scheduledEvents !== false) {
          this.recorders.get(fwk.schedulerName)?.record({ object: pod, gvk: podKind }, 'Normal', 'Scheduled',
            `Successfully assigned ${q.key} to ${nodeName}`, signal);
        }
        return;
      }
      this.cache.forget(q.key);
      fwk.runUnreserve(state, pod, nodeName);
      this.queue.moveAllToActiveOrBackoff();       // what it held is free again
      if (signal.aborted) return;
      this.stats.bindFailures++;
      const err = s.code === 'Error' ? s.error : new Error(`binding rejected: ${s.code}`);
      this.log.warn({ err, pod: q.key, node: nodeName }, 'Could not bind pod');
      this.recorders.get(fwk.schedulerName)?.record({ object: pod, gvk: podKind }, 'Warning', 'FailedScheduling', `Binding rejected: ${err.message}`, signal);
      this.queue.addBackoff(q);                    // dropped at the next pop if it was bound or deleted meanwhile
    });
  }

  private submitBind(task: () => Promise<void>): void {
    this.track(this.binds.run(task));
  }

  private track(p: Promise<void>): void {
    const t = p.catch((err: unknown) => this.log.error({ err }, 'Background write failed')).finally(() => this.running.delete(t));
    this.running.add(t);
  }

  private failureDeps(fwk: Framework): FailureDeps {
    return { pods: this.d.client.resource<Pod>(pods), recorder: this.recorders.get(fwk.schedulerName)!, clock: this.d.clock, log: this.log };
  }
}
