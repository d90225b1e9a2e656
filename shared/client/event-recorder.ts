// Events controllers record for users (SuccessfulCreate, FailedCreate, ScalingReplicaSet …),
// as core/v1 Events written through the API the way client-go's recorder writes them. Writing
// an event never fails a sync: an error is logged and dropped.
import type { Event } from '../api/core/v1/event.js';
import type { ApiObject } from '../api/meta.js';
import type { ClientLog } from './client-log.js';
import type { RestClient } from './rest-client.js';
import { rfc3339, type Clock } from '../util/time.js';
import { apiVersionOf, type GroupVersionKind } from '../api/group-version.js';

export type EventType = 'Normal' | 'Warning';

/** The object an event is about; cached objects may lack apiVersion and kind, so they come apart. */
export interface EventTarget {
  readonly object: ApiObject;
  readonly gvk: GroupVersionKind;
}

export interface EventSink {
  createEvent(event: Event, signal: AbortSignal): Promise<void>;
}

const events = { group: '', version: 'v1', resource: 'events', namespaced: true } as const;

export function eventSinkFrom(client: RestClient): EventSink {
  return {
    async createEvent(event, signal) {
      await client.resource<Event>(events).create(event.metadata.namespace ?? 'default', event, {}, signal);
    },
  };
}

/**
 * The event, named as client-go names it (`<object>.<hex nanoseconds>`); the nanoseconds
 * below the clock's millisecond come from the monotonic high-resolution timer, so a burst of
 * events within one millisecond gets distinct names.
 */
export function buildEvent(target: EventTarget, type: EventType, reason: string, message: string, component: string, now: Date): Event {
  const m = target.object.metadata;
  const name = m.name ?? '';
  const namespace = m.namespace !== undefined && m.namespace !== '' ? m.namespace : 'default';
  const nanos = BigInt(now.getTime()) * 1_000_000n + process.hrtime.bigint() % 1_000_000n;
  const ts = rfc3339(now);
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${name}.${nanos.toString(16)}`, namespace },
    involvedObject: {
      apiVersion: apiVersionOf(target.gvk), kind: target.gvk.kind, name,
      ...(m.namespace !== undefined && m.namespace !== '' ? { namespace: m.namespace } : {}),
      ...(m.uid !== undefined ? { uid: m.uid } : {}),
      ...(m.resourceVersion !== undefined ? { resourceVersion: m.resourceVersion } : {}),
    },
    reason, message, type,
    source: { component },
    firstTimestamp: ts, lastTimestamp: ts, count: 1,
    reportingComponent: component, reportingInstance: '',
  };
}

export interface EventRecorderOptions {
  readonly sink: EventSink;
  /** source.component, e.g. "replicaset-controller". */
  readonly component: string;
  readonly clock: Clock;
  readonly log: ClientLog;
}

/** Writes one event; resolves even when the write fails (it is logged). */
export async function recordEvent(
  o: EventRecorderOptions, target: EventTarget, type: EventType, reason: string, message: string, signal: AbortSignal,
): Promise<void> {
  try {
    await o.sink.createEvent(buildEvent(target, type, reason, message, o.component, o.clock.now()), signal);
  } catch (err) {
    if (!signal.aborted) o.log.warn({ err, reason, object: target.object.metadata.name }, 'Could not record event');
  }
}

/**
 * client-go's EventSourceObjectSpamFilter: per source and object, a bucket of 25 events
 * refilled at one per five minutes; an event finding it empty is dropped. A ReplicaSet making
 * 1,000 pods writes 25 SuccessfulCreate events, not 1,000 (what users read stays the same:
 * status and the first events say what happened).
 */
export class EventSpamFilter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly clock: Clock, private readonly burst = 25, private readonly refillMs = 300_000, private readonly maxObjects = 4096) {}

  /** True when `target`'s bucket had a token (taken now). */
  allow(target: EventTarget): boolean {
    const m = target.object.metadata;
    const key = `${target.gvk.kind}/${m.namespace ?? ''}/${m.name ?? ''}/${m.uid ?? ''}`;
    const now = this.clock.now().getTime();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + Math.max(0, now - b.at) / this.refillMs);
    b.at = now;
    this.buckets.delete(key);                                 // re-inserted last: the map is in LRU order
    this.buckets.set(key, b);
    if (this.buckets.size > this.maxObjects) this.buckets.delete(this.buckets.keys().next().value!);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

/**
 * Records events in the background so a sync does not wait for them (client-go's recorder
 * is asynchronous too), through the spam filter above. Beyond `maxInFlight` pending writes,
 * events are dropped and logged.
 */
export class EventRecorder {
  private readonly o: EventRecorderOptions;
  private readonly maxInFlight: number;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly spam: EventSpamFilter;
  private dropped = 0;

  constructor(opts: EventRecorderOptions & { readonly maxInFlight?: number }) {
    this.o = opts;
    this.maxInFlight = opts.maxInFlight ?? 1000;
    this.spam = new EventSpamFilter(opts.clock);
  }

  record(target: EventTarget, type: EventType, reason: string, message: string, signal: AbortSignal): void {
    if (!this.spam.allow(target)) return;
    if (this.inFlight.size >= this.maxInFlight) {
      if (this.dropped++ % 100 === 0) this.o.log.warn({ reason, dropped: this.dropped }, 'Dropped event');
      return;
    }
    const p = recordEvent(this.o, target, type, reason, message, signal).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Resolves when every event recorded so far has been written or has failed. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
