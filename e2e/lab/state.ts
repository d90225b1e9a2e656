// What a lab made, written down before it is made: one JSON file per lab under /run/bosun-lab,
// so teardown (normal, from an exit hook, or a later run finding a crashed lab) knows exactly
// which namespaces, links, routes, cgroups and processes are ours.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleepSync } from './run.js';

export const stateDir = '/run/bosun-lab';
/** Every object the lab creates in a shared namespace (netns, links, cgroups, folders) starts with this. */
export const prefix = 'bl-';

/** A process identified beyond its pid: the start time from /proc/<pid>/stat, so a reused pid is never taken for ours. */
export interface ProcId { readonly pid: number; readonly start: string }

export interface ProcRecord extends ProcId {
  readonly name: string;
  readonly host: string;
}

export interface LabState {
  readonly version: 1;
  readonly id: string;
  readonly owner: ProcId;
  readonly workDir: string;
  readonly subnet: string;
  readonly runnerLink: string;
  readonly runnerIp: string;
  /** Named network namespaces (files under /var/run/netns), the switch last. */
  readonly namespaces: string[];
  /** dockerd --cgroup-parent values, one per node host. */
  readonly cgroupParents: string[];
  readonly dockerSockets: string[];
  readonly processes: ProcRecord[];
}

/** Objects shared by all labs: made by the first, removed by the last. */
export interface SharedState {
  /** Blackhole routes in the runner's namespace that a lab added (absent before). */
  readonly addedRoutes: string[];
  /** /run/netns did not exist before a lab made it (iproute2 makes it a mount). */
  readonly madeNetnsDir: boolean;
}

export function procStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch { return undefined; }
}

/** The same process (pid and start time) still runs; a zombie counts as gone. */
export function isAlive(p: ProcId): boolean {
  try {
    const stat = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] !== 'Z' && fields[0] !== 'X' && fields[19] === p.start;
  } catch { return false; }
}

export function self(): ProcId {
  return { pid: process.pid, start: procStart(process.pid) ?? '' };
}

const labFile = (id: string): string => join(stateDir, `${id}.json`);
const sharedFile = join(stateDir, 'shared.json');

function writeAtomic(file: string, value: unknown): void {
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
  renameSync(`${file}.tmp`, file);
}

export function saveLab(s: LabState): void { writeAtomic(labFile(s.id), s); }
export function removeLab(id: string): void { rmSync(labFile(id), { force: true }); }

export function listLabs(): LabState[] {
  let names: string[];
  try { names = readdirSync(stateDir); } catch { return []; }
  return names.filter((n) => n.startsWith(prefix) && n.endsWith('.json')).flatMap((n) => {
    try { return [parseLab(JSON.parse(readFileSync(join(stateDir, n), 'utf8')))]; } catch { return []; }
  });
}

function parseLab(v: unknown): LabState {
  const s = v as Partial<LabState> | null;
  if (s === null || typeof s !== 'object' || s.version !== 1 || typeof s.id !== 'string' || !s.id.startsWith(prefix)
    || typeof s.workDir !== 'string' || !Array.isArray(s.namespaces) || !Array.isArray(s.processes)) {
    throw new Error('not a lab state file');
  }
  return s as LabState;
}

export function loadShared(): SharedState {
  try {
    const v = JSON.parse(readFileSync(sharedFile, 'utf8')) as Partial<SharedState>;
    return { addedRoutes: Array.isArray(v.addedRoutes) ? v.addedRoutes.filter((r) => typeof r === 'string') : [], madeNetnsDir: v.madeNetnsDir === true };
  } catch { return { addedRoutes: [], madeNetnsDir: false }; }
}

export function saveShared(s: SharedState): void { writeAtomic(sharedFile, s); }

/**
 * Runs fn holding the labs' lock (a folder made with mkdir, which is atomic). A lock whose holder
 * died is taken over. Synchronous, because teardown runs in exit hooks.
 */
export function withLock<T>(fn: () => T, timeoutMs = 180_000): T {
  const dir = join(stateDir, 'lock');
  const ownerFile = join(dir, 'owner');
  mkdirSync(stateDir, { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(ownerFile, JSON.stringify(self()));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: ProcId | undefined;
      try { holder = JSON.parse(readFileSync(ownerFile, 'utf8')) as ProcId; } catch { /* being written, or its writer died */ }
      if (holder !== undefined && holder.pid === process.pid) throw new Error('the lab lock is not reentrant');
      if (holder !== undefined && !isAlive(holder)) { rmSync(dir, { recursive: true, force: true }); continue; }
      if (holder === undefined && Date.now() - started > 5_000) { rmSync(dir, { recursive: true, force: true }); continue; }
      if (Date.now() - started > timeoutMs) throw new Error(`the lab lock ${dir} is held by pid ${holder?.pid ?? '?'}`);
      sleepSync(50);
    }
  }
  try { return fn(); } finally { rmSync(dir, { recursive: true, force: true }); }
}
