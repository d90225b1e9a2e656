// tmpfs mounts for Memory emptyDirs and secret volumes (Kubernetes keeps secrets off disk).
// The kubelet runs as root in the host's mount namespace, so `mount` and `umount` are enough.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Mount points under `prefix`, deepest first (from /proc/self/mountinfo). */
export async function mountsUnder(prefix: string): Promise<string[]> {
  const info = await readFile('/proc/self/mountinfo', 'utf8');
  const points = info.split('\n').map((l) => l.split(' ')[4] ?? '').map((p) => p.replace(/\\040/g, ' '))
    .filter((p) => p === prefix || p.startsWith(`${prefix}/`));
  return points.sort((a, b) => b.length - a.length);
}

export async function isMountPoint(dir: string): Promise<boolean> {
  return (await mountsUnder(dir)).includes(dir);
}

/** Mounts a tmpfs on `dir` unless one is there; `sizeBytes` 0 means the kernel default. */
export async function mountTmpfs(dir: string, sizeBytes: number, mode = '0777'): Promise<void> {
  if (await isMountPoint(dir)) return;
  const opts = [`mode=${mode}`, ...(sizeBytes > 0 ? [`size=${sizeBytes}`] : [])].join(',');
  await run('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir]);
}

/** Unmounts everything mounted under `prefix`, deepest first. */
export async function unmountAll(prefix: string): Promise<void> {
  for (const p of await mountsUnder(prefix)) await run('umount', ['-l', p]);
}
