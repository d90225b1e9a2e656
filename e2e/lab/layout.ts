// Who is where in a lab: names, addresses and folders, decided before anything is made (pure).
import { join } from 'node:path';
import { nthIp, parseCidr } from './addr.js';

export type Role = 'master' | 'node';

export interface LabHost {
  /** 'm1', 'm2', … for masters; 'n1', 'n2', … for nodes. */
  readonly name: string;
  readonly role: Role;
  /** The named network namespace: `<lab id>-<name>`, a file under /var/run/netns. */
  readonly netns: string;
  readonly netnsPath: string;
  /** Its address on the lab subnet (on its eth0). */
  readonly ip: string;
  /** Its folder under the lab's work folder (logs, data). */
  readonly dir: string;
  /** Its port on the switch bridge (in the switch namespace): down = cut off. */
  readonly switchPort: string;
  /** Node hosts only: their own dockerd. */
  readonly docker?: {
    readonly socket: string;
    /** `unix://<socket>`, for DOCKER_HOST or `docker -H`. */
    readonly host: string;
    readonly cgroupParent: string;
  };
}

export interface Layout {
  readonly id: string;
  readonly workDir: string;
  readonly subnet: string;
  readonly prefixLen: number;
  readonly switchNetns: string;
  readonly runner: { readonly link: string; readonly port: string; readonly ip: string };
  readonly hosts: readonly LabHost[];
}

export const maxNodes = 150;
export const maxMasters = 9;

/** Runner .1, masters .11–.19, nodes .101 on. */
export function layout(id: string, subnet: string, masters: number, nodes: number): Layout {
  const net = parseCidr(subnet);
  if (net.bits > 24) throw new Error(`the lab subnet ${subnet} is too small: give a /24 or larger`);
  if (masters < 1 || masters > maxMasters || nodes < 0 || nodes > maxNodes) throw new Error(`a lab has 1–${maxMasters} masters and 0–${maxNodes} nodes`);
  const workDir = `/tmp/${id}`;
  const host = (role: Role, i: number): LabHost => {
    const name = `${role === 'master' ? 'm' : 'n'}${i}`;
    const dir = join(workDir, name);
    const netns = `${id}-${name}`;
    const base = {
      name, role, netns, netnsPath: `/var/run/netns/${netns}`, dir, switchPort: `bl-${name}`,
      ip: nthIp(net, role === 'master' ? 10 + i : 100 + i),
    };
    if (role === 'master') return base;
    const socket = join(dir, 'docker.sock');
    return { ...base, docker: { socket, host: `unix://${socket}`, cgroupParent: `/${id}-${name}` } };
  };
  return {
    id, workDir, subnet, prefixLen: net.bits, switchNetns: `${id}-sw`,
    runner: { link: id, port: 'bl-runner', ip: nthIp(net, 1) },
    hosts: [
      ...Array.from({ length: masters }, (_, i) => host('master', i + 1)),
      ...Array.from({ length: nodes }, (_, i) => host('node', i + 1)),
    ],
  };
}
