// What runs for one pod, read from the runtime's containers (pure): its sandboxes, newest
// attempt first, and per container name its containers, newest first. A container "belongs
// to" the current sandbox when it was created after that sandbox: a new sandbox means init
// containers run again and app containers start again, as Kubernetes does.
import type { RuntimeContainer } from '../runtime/runtime.js';

export interface PodRuntimeState {
  readonly uid: string;
  /** Newest attempt first. */
  readonly sandboxes: readonly RuntimeContainer[];
  /** Init and app containers by name, newest first. */
  readonly containers: ReadonlyMap<string, readonly RuntimeContainer[]>;
}

const newestFirst = (a: RuntimeContainer, b: RuntimeContainer): number =>
  b.identity.restartCount - a.identity.restartCount || b.createdAt.getTime() - a.createdAt.getTime();

/** Groups the runtime's containers by pod uid. */
export function groupByPod(all: readonly RuntimeContainer[]): Map<string, PodRuntimeState> {
  const sandboxes = new Map<string, RuntimeContainer[]>();
  const byName = new Map<string, Map<string, RuntimeContainer[]>>();
  for (const c of all) {
    const uid = c.identity.podUid;
    if (c.identity.kind === 'sandbox') {
      (sandboxes.get(uid) ?? sandboxes.set(uid, []).get(uid)!).push(c);
      continue;
    }
    const names = byName.get(uid) ?? byName.set(uid, new Map()).get(uid)!;
    (names.get(c.identity.containerName) ?? names.set(c.identity.containerName, []).get(c.identity.containerName)!).push(c);
  }
  const out = new Map<string, PodRuntimeState>();
  for (const uid of new Set([...sandboxes.keys(), ...byName.keys()])) {
    const names = byName.get(uid) ?? new Map<string, RuntimeContainer[]>();
    for (const list of names.values()) list.sort(newestFirst);
    out.set(uid, { uid, sandboxes: (sandboxes.get(uid) ?? []).sort(newestFirst), containers: names });
  }
  return out;
}

export const emptyState = (uid: string): PodRuntimeState => ({ uid, sandboxes: [], containers: new Map() });

/** The newest sandbox, if it is running. */
export function runningSandbox(s: PodRuntimeState): RuntimeContainer | undefined {
  const sb = s.sandboxes[0];
  return sb?.state === 'running' ? sb : undefined;
}

/** The newest container of `name` made for the current sandbox (after it was created). */
export function currentContainer(s: PodRuntimeState, name: string): RuntimeContainer | undefined {
  const sb = s.sandboxes[0];
  const latest = s.containers.get(name)?.[0];
  if (latest === undefined || sb === undefined) return undefined;
  return latest.createdAt.getTime() >= sb.createdAt.getTime() ? latest : undefined;
}

/** The newest container of `name` of any sandbox (its restart count goes on from there). */
export function latestContainer(s: PodRuntimeState, name: string): RuntimeContainer | undefined {
  return s.containers.get(name)?.[0];
}

/** Every container of the pod, sandboxes last, that is running or just created. */
export function liveContainers(s: PodRuntimeState): RuntimeContainer[] {
  const apps = [...s.containers.values()].flat().filter((c) => c.state === 'running' || c.state === 'created');
  return [...apps, ...s.sandboxes.filter((c) => c.state === 'running' || c.state === 'created')];
}
