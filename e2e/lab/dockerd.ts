// One dockerd per node host, on its own paths, as lab-recipe.md §2 and §5 tested.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's client matches Debian's daemon (a newer client earlier on PATH also works). */
export const dockerCli = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

export interface DockerdPaths {
  readonly dir: string;
  readonly socket: string;
  readonly cgroupParent: string;
}

export function dockerdPaths(hostDir: string, cgroupParent: string): DockerdPaths {
  return { dir: hostDir, socket: join(hostDir, 'docker.sock'), cgroupParent };
}

/**
 * The daemon's flags: its own data-root, exec-root, socket, pidfile and (empty) config file, so it
 * shares nothing with any other dockerd; containers under its own cgroup parent;
 * --userland-proxy=false (Docker then turns hairpin on for bridge ports); iptables on (Docker's
 * default, as on a real node). Nothing to reach a registry with: the host has no default route.
 */
export function dockerdArgs(p: DockerdPaths): string[] {
  return [
    '--data-root', join(p.dir, 'data'),
    '--exec-root', join(p.dir, 'exec'),
    '--pidfile', join(p.dir, 'docker.pid'),
    '--config-file', join(p.dir, 'daemon.json'),
    '-H', `unix://${p.socket}`,
    '--cgroup-parent', p.cgroupParent,
    '--userland-proxy=false',
    '--iptables=true',
    '--max-download-attempts=1',
  ];
}
