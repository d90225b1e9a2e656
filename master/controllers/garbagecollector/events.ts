// Events the garbage collector records for users (Kubernetes records OwnerRefInvalidNamespace).
// A failed event write is logged and never fails the sync.
import type { Event } from '../../../shared/api/core/v1/event.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import { rfc3339 } from '../../../shared/util/time.js';
import type { GcApi } from './api.js';
import { apiVersionOfResource, type GcResource } from './resources.js';

export const component = 'garbage-collector-controller';

export interface EventTarget {
  readonly resource: GcResource;
  readonly object: ApiObject;
}

export function buildEvent(target: EventTarget, type: 'Normal' | 'Warning', reason: string, message: string, now: Date): Event {
  const m = target.object.metadata;
  const name = m.name ?? '';
  const namespace = m.namespace !== undefined && m.namespace !== '' ? m.namespace : 'default';
  const ts = rfc3339(now);
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${name}.${(BigInt(now.getTime()) * 1_000_000n).toString(16)}`, namespace },
    involvedObject: {
      apiVersion: apiVersionOfResource(target.resource), kind: target.resource.kind, name,
      ...(m.namespace !== undefined && m.namespace !== '' ? { namespace: m.namespace } : {}),
      ...(m.uid !== undefined ? { uid: m.uid } : {}),
      ...(m.resourceVersion !== undefined ? { resourceVersion: m.resourceVersion } : {}),
    },
    reason, message, type,
    source: { component },
    firstTimestamp: ts, lastTimestamp: ts, count: 1,
    reportingComponent: component,
  };
}

export async function recordEvent(
  c: { readonly api: GcApi; readonly clock: { now(): Date }; readonly log: ClientLog },
  target: EventTarget, type: 'Normal' | 'Warning', reason: string, message: string, signal: AbortSignal,
): Promise<void> {
  try {
    await c.api.createEvent(buildEvent(target, type, reason, message, c.clock.now()), signal);
  } catch (err) {
    c.log.warn({ err, reason, object: target.object.metadata.name }, 'Could not record event');
  }
}
