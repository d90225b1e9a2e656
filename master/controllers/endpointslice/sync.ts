// syncSlices(key): a service with a selector gets EndpointSlices (IPv4) holding its pods as
// endpoints (desired.ts), kept stable by reconcile.ts. Only slices labelled as managed by this
// controller are read or written; services without a selector are left to whoever manages them.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { serviceSelector } from '../../../shared/api/core/v1/pod-endpoints.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import { isStatusError } from '../../../shared/api/errors.js';
import { selectorFromSet } from '../../../shared/api/labels/selector.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import { splitKey } from '../../../shared/client/object-key.js';
import { namespaceIndex, type StoreReader } from '../../../shared/client/store.js';
import type { SliceApi } from './api.js';
import { desiredEndpoints } from './desired.js';
import { controllerName, managedByLabel, planSlices, serviceNameLabel } from './reconcile.js';
import type { SliceTracker } from './tracker.js';

export interface SliceDeps {
  readonly services: StoreReader<Service>;
  readonly pods: StoreReader<Pod>;
  readonly slices: StoreReader<EndpointSlice>;
  readonly api: SliceApi;
  readonly tracker: SliceTracker;
  readonly maxEndpointsPerSlice: number;
  readonly log: ClientLog;
}

export type SliceSyncResult =
  | { readonly type: 'done' }
  /** The slice cache has not seen our last writes yet: try again when it has. */
  | { readonly type: 'staleCache' };

const done: SliceSyncResult = { type: 'done' };

/** The slices of service `name` that this controller manages, from the cache. */
export function managedSlices(slices: StoreReader<EndpointSlice>, namespace: string, name: string): EndpointSlice[] {
  return slices.byIndex(namespaceIndex, namespace).filter((s) =>
    s.metadata.labels?.[serviceNameLabel] === name && s.metadata.labels[managedByLabel] === controllerName);
}

export async function syncSlices(c: SliceDeps, key: string, signal: AbortSignal): Promise<SliceSyncResult> {
  const { namespace, name } = splitKey(key);
  const svc = c.services.get(key);
  const existing = managedSlices(c.slices, namespace, name);
  if (svc === undefined) {
    c.tracker.forget(key);
    for (const s of existing) await deleteSlice(c, key, s, signal);   // the garbage collector would too
    return done;
  }
  const selector = serviceSelector(svc);
  if (selector === undefined || svc.spec?.type === 'ExternalName') return done;
  if (c.tracker.stale(key, existing)) return { type: 'staleCache' };
  const matches = selectorFromSet(selector);
  const pods = c.pods.byIndex(namespaceIndex, namespace).filter((p) => matches.matches(p.metadata.labels));
  const plan = planSlices({ service: svc, existing, desired: desiredEndpoints(svc, pods), maxEndpointsPerSlice: c.maxEndpointsPerSlice });
  // Creates and updates before deletes, so the endpoints never vanish in between.
  for (const s of plan.create) c.tracker.wrote(key, await c.api.create(s, signal));
  for (const s of plan.update) c.tracker.wrote(key, await c.api.update(s, signal));
  for (const s of plan.delete) await deleteSlice(c, key, s, signal);
  if (plan.create.length + plan.update.length + plan.delete.length > 0) {
    c.log.debug({ service: key, created: plan.create.length, updated: plan.update.length, deleted: plan.delete.length }, 'Reconciled endpoint slices');
  }
  return done;
}

async function deleteSlice(c: SliceDeps, key: string, s: EndpointSlice, signal: AbortSignal): Promise<void> {
  try {
    await c.api.delete(s.metadata.namespace ?? '', s.metadata.name ?? '', s.metadata.uid ?? '', signal);
  } catch (err) {
    if (!isStatusError(err, 'NotFound')) throw err;
  }
  c.tracker.deleted(key, s.metadata.name ?? '');
}
