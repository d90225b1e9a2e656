// The lab's wiring (lab-recipe.md §5): a switch namespace holding bridge br0, one namespace per
// host with eth0 (a veth whose peer is a port of br0), and the runner's veth into the same
// bridge. Hosts get an address on the lab subnet and no default route.
import { readFileSync } from 'node:fs';
import { runOk, sleep } from './run.js';

export interface HostLink { readonly netns: string; readonly port: string; readonly ip: string }

export interface Wiring {
  readonly switchNetns: string;
  readonly prefixLen: number;
  readonly hosts: readonly HostLink[];
  readonly runner: { readonly link: string; readonly port: string; readonly ip: string };
}

const ip = (...args: string[]): Promise<string> => runOk('ip', args, { timeoutMs: 10_000 });
const inNetns = (netns: string, cmd: string, ...args: string[]): Promise<string> =>
  runOk('nsenter', [`--net=/var/run/netns/${netns}`, '--', cmd, ...args], { timeoutMs: 10_000 });

export async function wire(w: Wiring): Promise<void> {
  const sw = w.switchNetns;
  await ip('netns', 'add', sw);
  await ip('-n', sw, 'link', 'set', 'lo', 'up');
  await ip('-n', sw, 'link', 'add', 'br0', 'type', 'bridge');
  await ip('-n', sw, 'link', 'set', 'br0', 'up');
  for (const h of w.hosts) {
    await ip('netns', 'add', h.netns);
    await ip('-n', h.netns, 'link', 'set', 'lo', 'up');
    await ip('link', 'add', 'eth0', 'netns', h.netns, 'type', 'veth', 'peer', 'name', h.port, 'netns', sw);
    await ip('-n', sw, 'link', 'set', h.port, 'master', 'br0', 'up');
    await ip('-n', h.netns, 'addr', 'add', `${h.ip}/${w.prefixLen}`, 'dev', 'eth0');
    await ip('-n', h.netns, 'link', 'set', 'eth0', 'up');
    // like a fresh machine: dockerd turns forwarding on and sets the FORWARD policy to DROP (recipe §6.1)
    await inNetns(h.netns, 'sysctl', '-qw', 'net.ipv4.ip_forward=0');
  }
  const r = w.runner;
  await ip('link', 'add', r.link, 'type', 'veth', 'peer', 'name', r.port, 'netns', sw);
  await ip('-n', sw, 'link', 'set', r.port, 'master', 'br0', 'up');
  await runOk('sysctl', ['-qw', `net.ipv6.conf.${r.link}.disable_ipv6=1`]).catch(() => '');  // nothing but IPv4 from the runner
  await ip('addr', 'add', `${r.ip}/${w.prefixLen}`, 'dev', r.link);
  await ip('link', 'set', r.link, 'up');
  // the kernel reports carrier through linkwatch, up to a second later: wait for it, since the
  // safety check (safety.ts) wants operstate up before anything is sent
  for (let t = 0; t < 100 && readOperstate(r.link) !== 'up'; t++) await sleep(50);
  if (readOperstate(r.link) !== 'up') throw new Error(`${r.link} did not come up (operstate ${readOperstate(r.link)})`);
}

function readOperstate(link: string): string {
  try { return readFileSync(`/sys/class/net/${link}/operstate`, 'utf8').trim(); } catch { return 'missing'; }
}

/** Cuts a host off the switch by downing its switch port; its own routes stay (downing eth0 would drop them). */
export async function setPort(switchNetns: string, port: string, up: boolean): Promise<void> {
  await ip('-n', switchNetns, 'link', 'set', port, up ? 'up' : 'down');
}
