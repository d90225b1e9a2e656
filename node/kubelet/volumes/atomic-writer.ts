// Kubernetes' AtomicWriter (pkg/volume/util/atomic_writer.go), for configMap, secret and
// downwardAPI volumes: a payload is written into a fresh "..<timestamp>" folder, then the
// "..data" symlink is swapped to it by a rename, so a container reading the volume sees the
// old files or the new ones, never a mix. Each top-level name is a symlink through "..data",
// which is how updates reach running pods (a bind mount of the folder follows the swap).
import { chmod, lstat, mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface FileContent {
  readonly data: Buffer;
  /** Permission bits, e.g. 0o644. */
  readonly mode: number;
}

/** Relative path -> content. Paths are checked: no "..", no absolute paths. */
export type Payload = ReadonlyMap<string, FileContent>;

const dataLink = '..data';

export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

export function checkPath(p: string): void {
  if (p === '' || p.startsWith('/') || p.split('/').some((part) => part === '..' || part === '') || p.startsWith('..')) {
    throw new PayloadError(`invalid path ${JSON.stringify(p)}: must be relative, without ".." and not start with ".."`);
  }
}

/** Writes `payload` into `dir` atomically; returns true when something changed. */
export async function writePayload(dir: string, payload: Payload, now: Date = new Date()): Promise<boolean> {
  for (const p of payload.keys()) checkPath(p);
  await mkdir(dir, { recursive: true });
  const current = await readlink(join(dir, dataLink)).catch(() => undefined);
  if (current !== undefined && await samePayload(join(dir, current), payload)) return false;
  const stamp = `..${now.toISOString().replace(/[:.]/g, '_')}_${process.hrtime.bigint() % 1_000_000n}`;
  const target = join(dir, stamp);
  await mkdir(target, { recursive: true });
  for (const [p, f] of payload) {
    const file = join(target, p);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, f.data);
    await chmod(file, f.mode);
  }
  const tmpLink = join(dir, '..data_tmp');
  await rm(tmpLink, { force: true });
  await symlink(stamp, tmpLink);
  await rename(tmpLink, join(dir, dataLink));
  // Top-level entries: a symlink through ..data for each, none for names no longer there.
  const tops = new Set([...payload.keys()].map((p) => p.split('/')[0]!));
  for (const name of await readdir(dir)) {
    if (name.startsWith('..')) continue;
    if (!tops.has(name)) await rm(join(dir, name), { recursive: true, force: true });
  }
  for (const top of tops) {
    const link = join(dir, top);
    const st = await lstat(link).catch(() => undefined);
    if (st?.isSymbolicLink() !== true) {
      await rm(link, { recursive: true, force: true });
      await symlink(join(dataLink, top), link);
    }
  }
  if (current !== undefined) await rm(join(dir, current), { recursive: true, force: true });
  return true;
}

async function samePayload(dir: string, payload: Payload): Promise<boolean> {
  const files = await listFiles(dir).catch(() => undefined);
  if (files === undefined || files.length !== payload.size) return false;
  for (const [p, f] of payload) {
    const path = join(dir, p);
    const [data, st] = await Promise.all([readFile(path).catch(() => undefined), stat(path).catch(() => undefined)]);
    if (data === undefined || st === undefined || !data.equals(f.data) || (st.mode & 0o7777) !== f.mode) return false;
  }
  return true;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) out.push(...await listFiles(join(dir, e.name), rel));
    else out.push(rel);
  }
  return out;
}
