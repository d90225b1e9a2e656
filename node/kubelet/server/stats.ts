// GET /stats/summary: CPU (usageNanoCores, usageCoreNanoSeconds) and memory (workingSetBytes,
// usageBytes) of the node and of each pod and container, in the kubelet's Summary shape.
// Container figures come from the runtime; the node's from /proc. A rate needs two samples:
// the previous request's are kept, and the first request samples twice, half a second apart.
import { readFile } from 'node:fs/promises';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { ContainerUsage, StreamingRuntime } from '../runtime/streaming.js';
import type { RuntimeContainer } from '../runtime/runtime.js';
import { emptyState } from '../pods/pod-state.js';
import type { PodSource } from './pod-source.js';

export interface CpuStats { time: string; usageNanoCores: number; usageCoreNanoSeconds: number }
export interface MemoryStats { time: string; usageBytes: number; workingSetBytes: number; availableBytes?: number }
export interface ContainerStats { name: string; startTime?: string; cpu: CpuStats; memory: MemoryStats }
export interface PodStats {
  podRef: { name: string; namespace: string; uid: string };
  startTime?: string;
  containers: ContainerStats[];
  cpu: CpuStats;
  memory: MemoryStats;
}
export interface Summary {
  node: { nodeName: string; startTime?: string; cpu: CpuStats; memory: MemoryStats };
  pods: PodStats[];
}

interface Sample { readonly time: number; readonly cpuNs: number }

/** Rate of a cumulative nanosecond counter in nanocores. */
export function nanoCores(prev: Sample | undefined, cur: Sample): number {
  if (prev === undefined || cur.time <= prev.time || cur.cpuNs < prev.cpuNs) return 0;
  return Math.round((cur.cpuNs - prev.cpuNs) / ((cur.time - prev.time) / 1000));
}

async function nodeUsage(): Promise<{ cpuNs: number; usage: number; workingSet: number; available: number }> {
  const [stat, mem] = await Promise.all([readFile('/proc/stat', 'utf8'), readFile('/proc/meminfo', 'utf8')]);
  const cpu = (stat.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait; jiffies are 10 ms.
  const busy = (cpu[0] ?? 0) + (cpu[1] ?? 0) + (cpu[2] ?? 0) + (cpu[5] ?? 0) + (cpu[6] ?? 0) + (cpu[7] ?? 0);
  const kb = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(mem)?.[1] ?? 0) * 1024;
  const total = kb('MemTotal');
  return { cpuNs: busy * 10_000_000, usage: total - kb('MemFree'), workingSet: total - kb('MemAvailable'), available: kb('MemAvailable') };
}

export class StatsProvider {
  private readonly samples = new Map<string, Sample>();

  constructor(private readonly o: { nodeName: string; pods: PodSource; runtime: StreamingRuntime; startTime: Date }) {}

  async summary(signal: AbortSignal): Promise<Summary> {
    let s = await this.sample(signal);
    if (s.fresh) {
      await new Promise((r) => setTimeout(r, 500));
      s = await this.sample(signal);
    }
    return s.summary;
  }

  private rate(key: string, time: number, cpuNs: number): CpuStats {
    const cur = { time, cpuNs };
    const n = nanoCores(this.samples.get(key), cur);
    this.samples.set(key, cur);
    return { time: new Date(time).toISOString(), usageNanoCores: n, usageCoreNanoSeconds: cpuNs };
  }

  private async sample(signal: AbortSignal): Promise<{ summary: Summary; fresh: boolean }> {
    let fresh = !this.samples.has('node');
    const now = Date.now();
    const n = await nodeUsage();
    const pods: PodStats[] = [];
    const seen = new Set<string>(['node']);
    const states = await this.o.pods.states(signal);
    for (const pod of this.o.pods.pods()) {
      const uid = pod.metadata.uid ?? '';
      const state = states.get(uid) ?? emptyState(uid);
      const running = [...state.containers.values()].map((l) => l.find((c) => c.state === 'running')).filter((c): c is RuntimeContainer => c !== undefined);
      const usages = await Promise.all(running.map((c) => this.o.runtime.usage(c.id, signal).then((u) => [c, u] as const).catch(() => undefined)));
      const containers: ContainerStats[] = [];
      let cpuNs = 0; let usage = 0; let ws = 0;
      for (const entry of usages) {
        if (entry === undefined) continue;
        const [c, u] = entry as readonly [RuntimeContainer, ContainerUsage];
        const key = `${uid}/${c.identity.containerName}/${c.id}`;
        seen.add(key);
        if (!this.samples.has(key)) fresh = true;
        cpuNs += u.cpuUsageNanoSeconds; usage += u.memoryUsageBytes; ws += u.memoryWorkingSetBytes;
        containers.push({
          name: c.identity.containerName, ...(c.startedAt !== undefined ? { startTime: c.startedAt.toISOString() } : {}),
          cpu: this.rate(key, u.time.getTime(), u.cpuUsageNanoSeconds),
          memory: { time: u.time.toISOString(), usageBytes: u.memoryUsageBytes, workingSetBytes: u.memoryWorkingSetBytes },
        });
      }
      seen.add(`${uid}/pod`);
      pods.push({
        podRef: { name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '', uid },
        ...(typeof pod.status?.startTime === 'string' ? { startTime: pod.status.startTime } : {}),
        containers, cpu: this.rate(`${uid}/pod`, now, cpuNs),
        memory: { time: new Date(now).toISOString(), usageBytes: usage, workingSetBytes: ws },
      });
    }
    for (const k of this.samples.keys()) if (!seen.has(k)) this.samples.delete(k);
    return {
      fresh,
      summary: {
        node: {
          nodeName: this.o.nodeName, startTime: this.o.startTime.toISOString(), cpu: this.rate('node', now, n.cpuNs),
          memory: { time: new Date(now).toISOString(), usageBytes: n.usage, workingSetBytes: n.workingSet, availableBytes: n.available },
        },
        pods,
      },
    };
  }
}


