// The lab's safety rules (DESIGN §10), enforced here: traffic from the runner goes only to
// loopback, or to the lab subnet while the lab is up. Were the lab down, a lab address would be
// routed to this machine's default gateway, so "up" is checked before every send.
import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { contains, isLoopback, parseCidr } from './addr.js';

export class LabSafetyError extends Error {
  override readonly name = 'LabSafetyError';
}

export interface RunnerLink { readonly link: string; readonly ip: string; readonly subnet: string }

/** The runner's veth exists, is up, and carries the runner's lab address. */
export function labIsUp(r: RunnerLink): boolean {
  if (!existsSync(`/sys/class/net/${r.link}`)) return false;
  let state = '';
  try { state = readFileSync(`/sys/class/net/${r.link}/operstate`, 'utf8').trim(); } catch { return false; }
  return state === 'up' && (networkInterfaces()[r.link] ?? []).some((a) => a.family === 'IPv4' && a.address === r.ip);
}

export function assertLabUp(r: RunnerLink): void {
  if (!labIsUp(r)) throw new LabSafetyError(`The lab is not up (${r.link} is missing, down, or lacks ${r.ip}): refusing to send traffic to lab addresses`);
}

/** Throws unless address is loopback, or in the lab subnet with the lab up. Host names other than localhost are refused. */
export function guardAddress(r: RunnerLink, address: string): void {
  const a = address.replace(/^\[(.*)\]$/, '$1');
  if (isLoopback(a)) return;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(a) || !contains(parseCidr(r.subnet), a)) {
    throw new LabSafetyError(`Refusing to talk to ${address}: only loopback and the lab subnet ${r.subnet} are allowed`);
  }
  assertLabUp(r);
}

export function guardUrl(r: RunnerLink, url: string | URL): URL {
  const u = new URL(url);
  guardAddress(r, u.hostname);
  return u;
}
