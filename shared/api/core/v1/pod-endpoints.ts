// What makes a pod an endpoint of a service, as the Endpoints and EndpointSlice controllers
// both decide it (Kubernetes' podutil.FindPort and endpointslice util ShouldPodBeInEndpoints,
// ShouldSetHostname): the pod's IPv4 address, the port a service port resolves to on it.
import type { Pod } from './pod.js';
import type { Service, ServicePort } from './service.js';

/**
 * The container port `sp` reaches on `pod`: a numeric targetPort as it is (the service port
 * when unset); a named one looked up among the containers' (and sidecars') ports by name and
 * protocol. Undefined when the name is not found: the pod is left out for that port.
 */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const protocol = sp.protocol ?? 'TCP';
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...(pod.spec?.containers ?? []), ...sidecars]) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The pod's IPv4 address (status.podIP, else the first IPv4 of status.podIPs). */
export function podIPv4(pod: Pod): string | undefined {
  const candidates = [pod.status?.podIP ?? '', ...(pod.status?.podIPs ?? []).map((p) => p.ip)];
  return candidates.find((ip) => ipv4.test(ip));
}

/**
 * Whether the pod belongs among a service's endpoints at all: it has an IP, is not finished
 * (Succeeded, Failed), and is not terminating unless `includeTerminating`.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (podIPv4(pod) === undefined) return false;
  return includeTerminating || pod.metadata.deletionTimestamp === undefined;
}

/** The pod's hostname is published when its subdomain names the service (same namespace). */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  const hostname = pod.spec?.hostname ?? '';
  return hostname !== '' && pod.spec?.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

/** A service's selector when it has one that selects; a missing or empty one means "managed by hand". */
export function serviceSelector(svc: Service): Readonly<Record<string, string>> | undefined {
  const sel = svc.spec?.selector;
  return sel !== undefined && sel !== null && Object.keys(sel).length > 0 ? sel : undefined;
}
