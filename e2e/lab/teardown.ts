// Removing a lab: its containers, processes, mounts, namespaces, links, cgroups and folder.
// Synchronous so it also runs from a process 'exit' hook; idempotent so it can run on a lab that
// was half made, torn down before, or left by a crashed run.
import { existsSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { dockerCli } from './dockerd.js';
import { runSync, sleepSync } from './run.js';
import { isAlive, listLabs, loadShared, prefix, removeLab, saveShared, type LabState, type ProcRecord } from './state.js';
import { cgroupDirs, cgroupParentsOf, findLeftovers, isEmpty, labProcesses, listDir, mountsUnder, namespaceInodes, netnsDir, type Leftovers } from './sweep.js';

/** Tears the lab down and returns what could not be removed (empty when all went). */
export function teardown(s: LabState, log: (msg: string) => void = () => {}): Leftovers {
  removeContainers(s, log);
  stopProcesses(s, log);
  const cgroupParents = [...new Set([...s.cgroupParents, ...cgroupParentsOf(s.id)])];
  const namespaces = [...new Set([...s.namespaces, ...listDir(netnsDir).filter((n) => n.startsWith(`${s.id}-`))])];
  sweepProcesses({ netnsInodes: namespaceInodes(namespaces), workDir: s.workDir, cgroupParents }, log);
  for (const m of mountsUnder(s.workDir).sort().reverse()) runSync('umount', ['-l', m]);
  // hosts before the switch: deleting the switch namespace also removes the runner's veth
  for (const ns of namespaces) {
    if (!existsSync(join(netnsDir, ns))) continue;
    const r = runSync('ip', ['netns', 'del', ns]);
    if (r.code !== 0) log(`Could not delete netns ${ns}: ${r.stderr.trim()}`);
  }
  if (existsSync(`/sys/class/net/${s.runnerLink}`)) runSync('ip', ['link', 'del', s.runnerLink]);
  for (const p of cgroupParents) for (const d of cgroupDirs(p)) { try { rmdirSync(d); } catch { /* not empty or gone */ } }
  const left = findLeftovers(s.id, s.workDir);
  if (left.mounts.length === 0 && isLabDir(s.workDir)) rmSync(s.workDir, { recursive: true, force: true });
  if (isEmpty(left)) removeLab(s.id);
  else log(`Lab ${s.id} left behind ${JSON.stringify(left)}`);
  return left;
}

/** A lab's work folder carries this file, so a `/tmp/bl-…` folder that is not ours is never removed. */
export const labDirMarker = '.bosun-lab';

export function isLabDir(dir: string): boolean {
  return dir.startsWith(`/tmp/${prefix}`) && existsSync(join(dir, labDirMarker));
}

/** Shared objects (the runner's blackhole routes, /run/netns) go with the last live lab. Call holding the lock. */
export function releaseShared(exceptId: string): void {
  if (listLabs().some((l) => l.id !== exceptId && isAlive(l.owner))) return;
  const shared = loadShared();
  for (const r of shared.addedRoutes) runSync('ip', ['route', 'del', 'blackhole', r]);
  if (shared.madeNetnsDir && listDir(netnsDir).length === 0 && existsSync(netnsDir)) {
    runSync('umount', [netnsDir]);
    try { rmdirSync(netnsDir); } catch { /* in use again */ }
  }
  saveShared({ addedRoutes: [], madeNetnsDir: false });
}

/** Force-removes every container first: a plain dockerd stop waits 10 s for each PID 1 ignoring SIGTERM. */
function removeContainers(s: LabState, log: (msg: string) => void): void {
  for (const sock of s.dockerSockets) {
    if (!existsSync(sock)) continue;
    const ps = runSync(dockerCli, ['-H', `unix://${sock}`, 'ps', '-aq'], { timeoutMs: 15_000 });
    const ids = ps.stdout.split('\n').filter(Boolean);
    if (ids.length === 0) continue;
    const rm = runSync(dockerCli, ['-H', `unix://${sock}`, 'rm', '-f', ...ids], { timeoutMs: 60_000 });
    if (rm.code !== 0) log(`Could not remove containers on ${sock}: ${rm.stderr.trim()}`);
  }
}

/**
 * SIGTERM to every process the lab started, SIGKILL to those still there after their grace:
 * 15 s for dockerd (it unmounts and cleans up; its containers are gone already), 3 s for the
 * rest (etcd members all stopping at once each wait for a leader transfer that cannot happen).
 */
function stopProcesses(s: LabState, log: (msg: string) => void): void {
  const live = s.processes.filter(isAlive);
  for (const p of live) signal(p.pid, 'SIGTERM');
  const t0 = Date.now();
  const graceMs = (p: ProcRecord): number => (p.name === 'dockerd' ? 15_000 : 3_000);
  for (let pending = live; pending.length > 0 && Date.now() - t0 < 25_000; pending = pending.filter(isAlive)) {
    for (const p of pending.filter((x) => Date.now() - t0 > graceMs(x))) {
      log(`Killed ${p.name} on ${p.host} (pid ${p.pid}) after ${graceMs(p) / 1000} s`);
      signal(p.pid, 'SIGKILL');
    }
    sleepSync(50);
  }
}

/** SIGKILL to anything of the lab still running (containerd, shims, container processes, strays), until none is left. */
function sweepProcesses(match: Parameters<typeof labProcesses>[0], log: (msg: string) => void): void {
  for (let round = 0; round < 50; round++) {
    const pids = labProcesses(match);
    if (pids.length === 0) return;
    for (const pid of pids) signal(pid, 'SIGKILL');
    sleepSync(100);
  }
  log(`Processes of the lab survived SIGKILL: ${labProcesses(match).join(' ')}`);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try { process.kill(pid, sig); } catch { /* gone */ }
}
