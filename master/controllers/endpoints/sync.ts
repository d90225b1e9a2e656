// syncEndpoints(key): the Endpoints named like a service with a selector hold the addresses of
// the pods it selects (subsets.ts). Level-triggered from the caches; written only when the
// content differs from the cached object. Services without a selector are managed by hand:
// their Endpoints are never touched. A deleted service takes its Endpoints along, if we made them.
import type { Endpoints } from '../../../shared/api/core/v1/endpoints.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { serviceSelector } from '../../../shared/api/core/v1/pod-endpoints.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import { isStatusError } from '../../../shared/api/errors.js';
import { selectorFromSet } from '../../../shared/api/labels/selector.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import { splitKey } from '../../../shared/client/object-key.js';
import { namespaceIndex, type StoreReader } from '../../../shared/client/store.js';
import { deepEqual } from '../../../shared/util/deep-equal.js';
import type { EndpointsApi } from './api.js';
import { desiredSubsets, subsetsEqual } from './subsets.js';

/** Marks the Endpoints this controller writes (Kubernetes 1.33 sets the same label). */
export const managedByLabel = 'endpoints.kubernetes.io/managed-by';
export const managedByValue = 'endpoint-controller';
export const headlessLabel = 'service.kubernetes.io/headless';

export interface EndpointsDeps {
  readonly services: StoreReader<Service>;
  readonly pods: StoreReader<Pod>;
  readonly endpoints: StoreReader<Endpoints>;
  readonly api: EndpointsApi;
  readonly log: ClientLog;
}

export async function syncEndpoints(c: EndpointsDeps, key: string, signal: AbortSignal): Promise<void> {
  const { namespace, name } = splitKey(key);
  const svc = c.services.get(key);
  const current = c.endpoints.get(key);
  if (svc === undefined) {
    if (current !== undefined && isOurs(current)) await deleteEndpoints(c, current, signal);
    return;
  }
  const selector = serviceSelector(svc);
  if (selector === undefined || svc.spec?.type === 'ExternalName') return;   // managed by hand
  const matches = selectorFromSet(selector);
  const pods = c.pods.byIndex(namespaceIndex, namespace).filter((p) => matches.matches(p.metadata.labels));
  const { subsets, unresolved } = desiredSubsets(svc, pods);
  for (const u of unresolved) c.log.debug({ service: key, pod: u.pod, port: u.port }, 'Pod has no port of that name');
  const labels = desiredLabels(svc);
  if (current !== undefined && subsetsEqual(current.subsets ?? [], subsets) && deepEqual(current.metadata.labels ?? {}, labels)) return;
  const next: Endpoints = current !== undefined ? structuredClone(current) : {
    apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace },
  };
  next.metadata.labels = labels;
  if (subsets.length > 0) next.subsets = subsets; else delete next.subsets;
  if (current === undefined) {
    await c.api.create(next, signal);
    c.log.debug({ service: key, subsets: subsets.length }, 'Created endpoints');
  } else {
    await c.api.update(next, signal);
    c.log.debug({ service: key, subsets: subsets.length }, 'Updated endpoints');
  }
}

/** The service's labels, our mark, and the headless label for a service without a cluster IP. */
export function desiredLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = { ...svc.metadata.labels, [managedByLabel]: managedByValue };
  if (svc.spec?.clusterIP === 'None') labels[headlessLabel] = ''; else delete labels[headlessLabel];
  return labels;
}

const isOurs = (ep: Endpoints): boolean => ep.metadata.labels?.[managedByLabel] === managedByValue;

async function deleteEndpoints(c: EndpointsDeps, ep: Endpoints, signal: AbortSignal): Promise<void> {
  const key = `${ep.metadata.namespace ?? ''}/${ep.metadata.name ?? ''}`;
  try {
    await c.api.delete(ep.metadata.namespace ?? '', ep.metadata.name ?? '', ep.metadata.uid ?? '', signal);
  } catch (err) {
    if (!isStatusError(err, 'NotFound')) throw err;
  }
  c.log.debug({ service: key }, 'Deleted endpoints');
}
