// A container's CPU and memory read from its cgroup, as cAdvisor does for the kubelet: the
// cgroup comes from /proc/<pid>/cgroup of the container's first process. Docker's stats API is
// not enough here: it answers nothing for a container that joined the network of a sandbox
// made with networking disabled (it fails on the network part and drops the rest).
// cgroup v2 (memory.current, memory.stat, cpu.stat) and v1 (memory.usage_in_bytes,
// memory.stat, cpuacct.usage) are both read.
import { readFile } from 'node:fs/promises';
import type { ContainerUsage } from './streaming.js';

export interface CgroupPaths {
  /** v1: controller name ("memory", "cpuacct", "cpu,cpuacct") → path; v2: '' → path. */
  readonly byController: ReadonlyMap<string, string>;
}

/** Parses /proc/<pid>/cgroup ("ID:controllers:path" lines). */
export function parseProcCgroup(text: string): CgroupPaths {
  const byController = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\d+:([^:]*):(.*)$/.exec(line);
    if (m === null) continue;
    byController.set(m[1]!, m[2]!);
  }
  return { byController };
}

/** A number field of a memory.stat / cpu.stat file ("name value" lines). */
export function statField(text: string, name: string): number | undefined {
  const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
  return m === null ? undefined : Number(m[1]);
}

const read = (path: string): Promise<string | undefined> => readFile(path, 'utf8').catch(() => undefined);

/** The v1 hierarchy holding `controller` and its path for the process. */
function v1Dir(paths: CgroupPaths, root: string, controller: string): string | undefined {
  for (const [controllers, path] of paths.byController) {
    if (controllers.split(',').includes(controller)) return `${root}/${controllers}${path}`;
  }
  return undefined;
}

/** Usage of the cgroup of process `pid`; undefined when it cannot be read (the process is gone). */
export async function cgroupUsage(pid: number, root = '/sys/fs/cgroup', procRoot = '/proc'): Promise<ContainerUsage | undefined> {
  const text = await read(`${procRoot}/${pid}/cgroup`);
  if (text === undefined) return undefined;
  const paths = parseProcCgroup(text);
  const time = new Date();
  const memDir = v1Dir(paths, root, 'memory');
  if (memDir !== undefined) {
    const cpuDir = v1Dir(paths, root, 'cpuacct');
    const [usage, stat, cpu] = await Promise.all([read(`${memDir}/memory.usage_in_bytes`), read(`${memDir}/memory.stat`), cpuDir === undefined ? undefined : read(`${cpuDir}/cpuacct.usage`)]);
    if (usage === undefined) return undefined;
    const bytes = Number(usage.trim());
    const inactive = (stat === undefined ? undefined : statField(stat, 'total_inactive_file')) ?? 0;
    return { time, cpuUsageNanoSeconds: Number(cpu?.trim() ?? 0), memoryUsageBytes: bytes, memoryWorkingSetBytes: Math.max(0, bytes - inactive) };
  }
  const unified = paths.byController.get('');
  if (unified === undefined) return undefined;
  const dir = `${root}${unified}`;
  const [current, stat, cpu] = await Promise.all([read(`${dir}/memory.current`), read(`${dir}/memory.stat`), read(`${dir}/cpu.stat`)]);
  if (current === undefined) return undefined;
  const bytes = Number(current.trim());
  const inactive = (stat === undefined ? undefined : statField(stat, 'inactive_file')) ?? 0;
  const usec = cpu === undefined ? undefined : statField(cpu, 'usage_usec');
  return { time, cpuUsageNanoSeconds: (usec ?? 0) * 1000, memoryUsageBytes: bytes, memoryWorkingSetBytes: Math.max(0, bytes - inactive) };
}
