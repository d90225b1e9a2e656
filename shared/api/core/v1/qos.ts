// A pod's quality-of-service class (pkg/apis/core/helper/qos ComputePodQOS): Guaranteed when
// every container has cpu and memory limits equal to its requests, BestEffort when none asks
// for anything, Burstable otherwise.
import { isRecord } from '../../meta.js';
import { Quantity } from '../../quantity.js';
import type { Container } from './container.js';
import type { Pod, PodQOSClass } from './pod.js';

const computeResources = ['cpu', 'memory'] as const;

/** The positive cpu and memory amounts of a resource list; unparsable values count as none. */
function positive(list: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  if (!isRecord(list)) return out;
  for (const name of computeResources) {
    const value = list[name];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    try {
      const q = Quantity.parse(String(value).trim());
      if (q.cmp(Quantity.fromValue(0n, 'DecimalSI')) > 0) out.set(name, q);
    } catch {
      // Validation reports it.
    }
  }
  return out;
}

function addInto(total: Map<string, Quantity>, more: ReadonlyMap<string, Quantity>): void {
  for (const [name, q] of more) total.set(name, total.get(name)?.add(q) ?? q);
}

/**
 * The QoS class. Requests missing for a resource that has a limit count as the limit, as
 * the pod defaults make them, so the class is right before and after defaulting.
 */
export function podQOSClass(pod: Pod): PodQOSClass {
  const spec: Record<string, unknown> = isRecord(pod.spec) ? pod.spec as unknown as Record<string, unknown> : {};
  const containers = [spec['containers'], spec['initContainers']]
    .flatMap((list): unknown[] => (Array.isArray(list) ? list : []))
    .filter(isRecord) as unknown as Container[];
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of containers) {
    const resources = isRecord(c.resources) ? c.resources : {};
    const ownLimits = positive(resources.limits);
    const ownRequests = positive(resources.requests);
    const rawRequests = isRecord(resources.requests) ? resources.requests : {};
    for (const [name, q] of ownLimits) if (!(name in rawRequests)) ownRequests.set(name, q);
    addInto(requests, ownRequests);
    addInto(limits, ownLimits);
    if (!computeResources.every((name) => ownLimits.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim === undefined || lim.cmp(req) !== 0) { guaranteed = false; break; }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
