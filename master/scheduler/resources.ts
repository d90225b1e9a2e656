// What a pod asks for, as the scheduler counts it (Kubernetes' resource helpers,
// k8s.io/component-helpers/resource): the larger of the regular containers' sum (plus
// restartable init containers, i.e. sidecars) and the largest init container (plus the
// sidecars started before it), then the pod overhead. CPU in millicores, the rest in units.
import type { Container, ResourceList } from '../../shared/api/core/v1/container.js';
import type { Pod } from '../../shared/api/core/v1/pod.js';
import { parseQuantity } from '../../shared/api/quantity.js';

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources (nvidia.com/gpu …) and hugepages; undefined when there are none. */
  scalars: Map<string, number> | undefined;
}

/** Scoring counts a container without requests as asking for this much (Kubernetes' non-zero defaults). */
export const defaultMilliCPURequest = 100;
export const defaultMemoryRequest = 200 * 1024 * 1024;

export const emptyResources = (): Resources => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, scalars: undefined });

/** Whole digits with no suffix or a common one: "100m", "128Mi", "32", "2Gi". */
const plainAmount = /^([0-9]{1,15})(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;
const suffixScale: Readonly<Record<string, number>> = {
  '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40,
};

/**
 * A resource amount as the scheduler counts it: millicores for cpu, whole units (rounded up)
 * for the rest. Plain amounts are worked out in numbers, exactly, without the general parser
 * (a pod's requests are read several times per scheduling cycle); the rest go through it.
 */
export function resourceAmount(name: string, text: string): number {
  const m = plainAmount.exec(text);
  if (m !== null) {
    const digits = Number(m[1]);
    const suffix = m[2] ?? '';
    if (suffix === 'm') return name === 'cpu' ? digits : Math.ceil(digits / 1000);
    const units = digits * suffixScale[suffix]!;
    const amount = name === 'cpu' ? units * 1000 : units;
    if (Number.isSafeInteger(amount)) return amount;
  }
  const q = parseQuantity(text);
  return Number(name === 'cpu' ? q.milliValue() : q.value());
}

/** A ResourceList in numbers; unparsable amounts count as zero (validation rejects them upstream). */
export function resourcesOf(list: ResourceList | undefined): Resources {
  const r = emptyResources();
  if (list === undefined) return r;
  for (const name of Object.keys(list)) {
    let v: number;
    try { v = resourceAmount(name, list[name]!); } catch { continue; }
    switch (name) {
      case 'cpu': r.milliCPU = v; break;
      case 'memory': r.memory = v; break;
      case 'ephemeral-storage': r.ephemeralStorage = v; break;
      case 'pods': break;
      default: (r.scalars ??= new Map()).set(name, v);
    }
  }
  return r;
}

export function addInto(into: Resources, r: Resources, sign = 1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  if (r.scalars !== undefined) {
    const s = (into.scalars ??= new Map());
    for (const [k, v] of r.scalars) s.set(k, (s.get(k) ?? 0) + sign * v);
  }
}

function maxInto(into: Resources, r: Resources): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  if (r.scalars !== undefined) {
    const s = (into.scalars ??= new Map());
    for (const [k, v] of r.scalars) s.set(k, Math.max(s.get(k) ?? 0, v));
  }
}

function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = resourcesOf(c.resources?.requests);
  if (nonZero) {
    const req = c.resources?.requests;
    if (req?.['cpu'] === undefined) r.milliCPU = defaultMilliCPURequest;
    if (req?.['memory'] === undefined) r.memory = defaultMemoryRequest;
  }
  return r;
}

/**
 * The pod's effective request. With `nonZero`, a container without a cpu or memory request
 * counts as the defaults above (what scoring uses); without, it counts as zero (what fit uses).
 */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const spec = pod.spec;
  const total = emptyResources();
  if (spec === undefined) return total;
  for (const c of spec.containers ?? []) addInto(total, containerRequests(c, nonZero));
  const sidecars = emptyResources();
  const initMax = emptyResources();
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {           // a sidecar runs beside everything after it
      addInto(sidecars, r);
      addInto(total, r);
      const atStart = emptyResources();
      addInto(atStart, sidecars);
      maxInto(initMax, atStart);
    } else {
      const during = emptyResources();
      addInto(during, r);
      addInto(during, sidecars);
      maxInto(initMax, during);
    }
  }
  maxInto(total, initMax);
  if (spec.overhead !== undefined) addInto(total, resourcesOf(spec.overhead));
  return total;
}
