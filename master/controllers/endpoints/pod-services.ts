// Pure: which services a pod event concerns, and whether a pod update can change endpoints.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { serviceSelector } from '../../../shared/api/core/v1/pod-endpoints.js';
import type { Service } from '../../../shared/api/core/v1/service.js';
import { selectorFromSet } from '../../../shared/api/labels/selector.js';
import { keyOf } from '../../../shared/client/object-key.js';
import { deepEqual } from '../../../shared/util/deep-equal.js';
import { isPodReady } from '../common/pod-status.js';

/** Keys of the services among `services` (one namespace) whose selector matches any of `labelSets`. */
export function selectingServices(services: readonly Service[], labelSets: readonly (Readonly<Record<string, string>> | undefined)[]): string[] {
  const out: string[] = [];
  for (const svc of services) {
    const sel = serviceSelector(svc);
    if (sel === undefined) continue;
    const s = selectorFromSet(sel);
    if (labelSets.some((labels) => s.matches(labels))) out.push(keyOf(svc));
  }
  return out;
}

/** What of a pod an endpoint is made of (Kubernetes' podChanged compares the same). */
function endpointFields(p: Pod): unknown {
  return {
    labels: p.metadata.labels ?? {}, deleting: p.metadata.deletionTimestamp !== undefined,
    ip: p.status?.podIP ?? '', ips: p.status?.podIPs ?? [], phase: p.status?.phase ?? '', ready: isPodReady(p),
    node: p.spec?.nodeName ?? '', hostname: p.spec?.hostname ?? '', subdomain: p.spec?.subdomain ?? '',
    ports: [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].map((c) => c.ports ?? []),
  };
}

export function podEndpointsChanged(old: Pod, pod: Pod): boolean {
  return old.metadata.uid !== pod.metadata.uid || !deepEqual(endpointFields(old), endpointFields(pod));
}
