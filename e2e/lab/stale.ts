// Labs outliving their run: the exit hook tears down this process's labs even after a failed
// test, and each start removes labs whose owner process died (a crash, SIGKILL) and any
// object carrying our prefix that no live lab owns.
import { listDir, netnsDir, cgroupRoot } from './sweep.js';
import { isAlive, listLabs, prefix, type LabState } from './state.js';
import { isLabDir, releaseShared, teardown } from './teardown.js';

/** This process's labs that are up. Process-wide by nature: the exit hook must reach them. */
export const openLabs = new Set<{ teardownNow(): string }>();

let hooked = false;

/** Once per process: tear down open labs on exit, and turn SIGINT/SIGTERM/SIGHUP into an exit. */
export function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const lab of [...openLabs]) {
      const left = lab.teardownNow();
      if (left !== '') process.stderr.write(`${left}\n`);
    }
  });
  for (const [sig, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    process.on(sig, () => process.exit(128 + n));
  }
}

export function liveLabs(): LabState[] {
  return listLabs().filter((s) => isAlive(s.owner));
}

const idOf = (name: string): string | undefined => new RegExp(`^(${prefix}[0-9a-z]{4})(?:-|$)`).exec(name)?.[1];

/** Removes dead labs (from their state files) and orphaned `bl-` objects. Call holding the lock. */
export function cleanStale(log: (msg: string) => void): void {
  for (const s of listLabs()) {
    if (isAlive(s.owner)) continue;
    log(`Removing lab ${s.id} left by pid ${s.owner.pid}`);
    teardown(s, log);
  }
  const live = new Set(liveLabs().map((s) => s.id));
  const orphans = new Set<string>();
  const names = [...listDir(netnsDir), ...listDir('/sys/class/net'), ...listDir('/tmp').filter((d) => isLabDir(`/tmp/${d}`)),
    ...listDir(cgroupRoot).flatMap((c) => listDir(`${cgroupRoot}/${c}`))];
  for (const n of names) { const id = idOf(n); if (id !== undefined && !live.has(id)) orphans.add(id); }
  for (const id of orphans) {
    log(`Removing objects of lab ${id}, which has no state file`);
    teardown({ version: 1, id, owner: { pid: 0, start: '' }, workDir: `/tmp/${id}`, subnet: '', runnerLink: id, runnerIp: '',
      namespaces: [], cgroupParents: [], dockerSockets: [], processes: [] }, log);
  }
  releaseShared('');
}
