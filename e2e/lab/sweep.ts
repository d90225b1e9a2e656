// Finding what a lab left on this machine: processes (by network namespace, command line or
// cgroup), mounts, namespaces, links and cgroup folders. Everything is matched by the lab's id
// or work folder, never by a program's name.
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const netnsDir = '/var/run/netns';
export const cgroupRoot = '/sys/fs/cgroup';

export interface Leftovers {
  readonly namespaces: string[];
  readonly links: string[];
  readonly mounts: string[];
  readonly processes: Array<{ pid: number; cmdline: string }>;
  readonly cgroups: string[];
}

export const isEmpty = (l: Leftovers): boolean =>
  l.namespaces.length + l.links.length + l.mounts.length + l.processes.length + l.cgroups.length === 0;

/** Everything still on the machine that belongs to the lab `id` (objects named `id` or `id-…`, or under workDir). */
export function findLeftovers(id: string, workDir: string): Leftovers {
  const ours = (name: string): boolean => name === id || name.startsWith(`${id}-`);
  const namespaces = listDir(netnsDir).filter(ours);
  return {
    namespaces,
    links: listDir('/sys/class/net').filter(ours),
    mounts: mountsUnder(workDir).concat(mounts().filter((m) => m.startsWith(`${netnsDir}/`) && ours(m.slice(netnsDir.length + 1)))),
    processes: labProcesses({ netnsInodes: namespaceInodes(namespaces), workDir, cgroupParents: cgroupParentsOf(id) })
      .map((pid) => ({ pid, cmdline: cmdline(pid) })),
    cgroups: cgroupParentsOf(id).flatMap((p) => cgroupDirs(p)),
  };
}

export function listDir(dir: string): string[] {
  try { return readdirSync(dir); } catch { return []; }
}

/** Mount points, from /proc/self/mountinfo (octal escapes undone). */
export function mounts(): string[] {
  let text: string;
  try { text = readFileSync('/proc/self/mountinfo', 'utf8'); } catch { return []; }
  return text.split('\n').filter(Boolean).map((l) => (l.split(' ')[4] ?? '').replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))));
}

export function mountsUnder(dir: string): string[] {
  return mounts().filter((m) => m === dir || m.startsWith(`${dir}/`));
}

export function namespaceInodes(names: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const n of names) { try { out.add(statSync(join(netnsDir, n)).ino); } catch { /* gone */ } }
  return out;
}

/** cgroup parents of the lab `id` that exist in any hierarchy (`/bl-xxxx-n1`). */
export function cgroupParentsOf(id: string): string[] {
  const found = new Set<string>();
  for (const h of hierarchies()) for (const d of listDir(h)) if (d.startsWith(`${id}-`)) found.add(`/${d}`);
  return [...found];
}

function hierarchies(): string[] {
  return [cgroupRoot, ...listDir(cgroupRoot).map((c) => join(cgroupRoot, c))].filter((d) => existsSync(join(d, 'cgroup.procs')));
}

/** The folders of a cgroup parent in every hierarchy, deepest first. */
export function cgroupDirs(parent: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of listDir(d)) { const p = join(d, e); try { if (statSync(p).isDirectory()) walk(p); } catch { /* gone */ } }
    out.push(d);
  };
  for (const h of hierarchies()) { const d = join(h, parent); if (existsSync(d)) walk(d); }
  return out;
}

export function cmdline(pid: number): string {
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim(); } catch { return ''; }
}

function netnsInode(pid: number): number | undefined {
  try { return Number(/\[(\d+)\]/.exec(readlinkSync(`/proc/${pid}/ns/net`))?.[1]); } catch { return undefined; }
}

function isZombie(pid: number): boolean {
  try { const s = readFileSync(`/proc/${pid}/stat`, 'utf8'); return s.slice(s.lastIndexOf(')') + 2).startsWith('Z'); } catch { return true; }
}

/**
 * Pids that belong to a lab: living in one of its network namespaces, naming its work folder on
 * their command line (dockerd, containerd, shims, etcd), or in one of its cgroups (containers).
 * Never this process or its ancestors; zombies are left to their parents.
 */
export function labProcesses(match: { netnsInodes: Set<number>; workDir: string; cgroupParents: readonly string[] }): number[] {
  const protectedPids = ancestors(process.pid);
  const inCgroups = new Set<number>();
  for (const p of match.cgroupParents) {
    for (const d of cgroupDirs(p)) {
      try { for (const l of readFileSync(join(d, 'cgroup.procs'), 'utf8').split('\n')) if (l !== '') inCgroups.add(Number(l)); } catch { /* gone */ }
    }
  }
  const dirMark = `${match.workDir}/`;
  return listDir('/proc').filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => {
    if (protectedPids.has(pid) || isZombie(pid)) return false;
    if (inCgroups.has(pid)) return true;
    const ino = netnsInode(pid);
    if (ino !== undefined && match.netnsInodes.has(ino)) return true;
    return match.workDir !== '' && cmdline(pid).includes(dirMark);
  });
}

function ancestors(pid: number): Set<number> {
  const out = new Set<number>();
  for (let p = pid; p > 1 && !out.has(p);) {
    out.add(p);
    try { const s = readFileSync(`/proc/${p}/stat`, 'utf8'); p = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]); } catch { break; }
  }
  out.add(1);
  return out;
}
