// Events the garbage collector records for users (Kubernetes records OwnerRefInvalidNamespace),
// built as every controller builds them (shared/client/event-recorder.ts) and written through
// the collector's own API. A failed event write is logged and never fails the sync.
import type { ApiObject } from '../../../shared/api/meta.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import { buildEvent } from '../../../shared/client/event-recorder.js';
import type { GcApi } from './api.js';
import type { GcResource } from './resources.js';

export const component = 'garbage-collector-controller';

export interface EventTarget {
  readonly resource: GcResource;
  readonly object: ApiObject;
}

export async function recordEvent(
  c: { readonly api: GcApi; readonly clock: { now(): Date }; readonly log: ClientLog },
  target: EventTarget, type: 'Normal' | 'Warning', reason: string, message: string, signal: AbortSignal,
): Promise<void> {
  try {
    const { group, version, kind } = target.resource;
    await c.api.createEvent(buildEvent({ object: target.object, gvk: { group, version, kind } }, type, reason, message, component, c.clock.now()), signal);
  } catch (err) {
    c.log.warn({ err, reason, object: target.object.metadata.name }, 'Could not record event');
  }
}
