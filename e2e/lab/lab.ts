// The lab: a cluster of real hosts on this machine (DESIGN §10). Lab.start() wires the
// namespaces, starts a dockerd per node host and etcd on the master host(s), loads Bosun's
// images; helpers run commands and processes in hosts and cut hosts off; stop() (or the exit
// hook, or the next run after a crash) removes all of it.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { overlaps, parseCidr, pickSubnet, subnetCandidates } from './addr.js';
import { dockerCli, dockerdArgs, dockerdPaths } from './dockerd.js';
import { clientUrl, etcdArgs, placeMembers, type EtcdMember } from './etcd.js';
import { loadImages } from './images.js';
import { layout, type LabHost, type Layout } from './layout.js';
import { setPort, wire } from './network.js';
import { HostProcess } from './procs.js';
import { run, runSync, sleep, type ExecResult, type RunOptions } from './run.js';
import { assertLabUp, guardAddress, guardUrl, labIsUp, LabSafetyError } from './safety.js';
import { cleanStale, hookExit, liveLabs, openLabs } from './stale.js';
import { loadShared, saveLab, saveShared, self, withLock, type LabState, type ProcRecord } from './state.js';
import { listDir, netnsDir, type Leftovers } from './sweep.js';
import { labDirMarker, releaseShared, teardown } from './teardown.js';

export type { LabHost } from './layout.js';
export type { ExecResult } from './run.js';
export { HostProcess } from './procs.js';
export { LabSafetyError } from './safety.js';

export interface LabOptions {
  /** Node hosts, each with its own dockerd (default 2). */
  readonly nodes?: number;
  /** Master hosts (default 1). */
  readonly masters?: number;
  /** etcd members, spread over the master hosts (default 1; 0 for none). */
  readonly etcdMembers?: number;
  /** The lab link's subnet (default: the first of 172.31.250.0/24, … that no route and no other lab uses). */
  readonly subnet?: string;
  /** Blackholed in the runner's namespace while the lab is up. */
  readonly clusterCidr?: string;
  readonly serviceCidr?: string;
  /** iptables backend of the node hosts' dockerd and of everything run in hosts (default nft, Debian's). */
  readonly iptables?: 'nft' | 'legacy';
  /** Load bosun/pause:1 and bosun/toolbox:1 into every dockerd (default true). */
  readonly images?: boolean;
  readonly log?: (msg: string) => void;
}

export interface StartProcessOptions {
  /** Unique among the host's running processes (default: the command's base name). */
  readonly name?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export type HostRef = string | LabHost;

export class Lab {
  private readonly procs = new Map<string, HostProcess>();
  private records: ProcRecord[] = [];
  private stopped = false;

  private constructor(
    private readonly l: Layout,
    private readonly opts: Required<Omit<LabOptions, 'subnet' | 'log'>> & Pick<LabOptions, 'log'>,
    readonly etcdMembers: readonly EtcdMember[],
  ) {}

  static async start(options: LabOptions = {}): Promise<Lab> {
    const o = { nodes: 2, masters: 1, etcdMembers: 1, clusterCidr: '10.244.0.0/16', serviceCidr: '10.96.0.0/12', iptables: 'nft' as const, images: true, ...options };
    const log = o.log ?? (() => {});
    hookExit();
    const l = withLock(() => {
      cleanStale(log);
      const l = layout(newId(), chooseSubnet(o.subnet, [o.clusterCidr, o.serviceCidr]), o.masters, o.nodes);
      saveLab(initialState(l));                          // written before anything is made
      reserveShared([o.clusterCidr, o.serviceCidr]);
      return l;
    });
    const members = placeMembers(o.etcdMembers, l.hosts.filter((h) => h.role === 'master'));
    const lab = new Lab(l, o, members);
    openLabs.add(lab);
    try { await lab.bringUp(); } catch (err) {
      const left = lab.teardownNow();
      throw new Error(`The lab did not come up: ${String(err)}${left === '' ? '' : `; ${left}`}`, { cause: err });
    }
    log(`Lab ${l.id} up: ${l.hosts.map((h) => `${h.name} ${h.ip}`).join(', ')}`);
    return lab;
  }

  get id(): string { return this.l.id; }
  get subnet(): string { return this.l.subnet; }
  get workDir(): string { return this.l.workDir; }
  get runnerIp(): string { return this.l.runner.ip; }
  get runnerLink(): string { return this.l.runner.link; }
  get hosts(): readonly LabHost[] { return this.l.hosts; }
  get masters(): LabHost[] { return this.l.hosts.filter((h) => h.role === 'master'); }
  get nodes(): LabHost[] { return this.l.hosts.filter((h) => h.role === 'node'); }
  /** etcd client URLs (the members' lab addresses). */
  get etcdEndpoints(): string[] { return this.etcdMembers.map(clientUrl); }

  host(ref: HostRef): LabHost {
    const name = typeof ref === 'string' ? ref : ref.name;
    const h = this.l.hosts.find((x) => x.name === name);
    if (h === undefined) throw new Error(`lab ${this.id} has no host ${name} (it has ${this.l.hosts.map((x) => x.name).join(', ')})`);
    return h;
  }

  // --- safety --------------------------------------------------------------------------------

  isUp(): boolean { return !this.stopped && labIsUp(this.runnerRef()); }
  assertUp(): void { assertLabUp(this.runnerRef()); }
  /** Throws unless the runner may send to address now (loopback, or the lab subnet while the lab is up). */
  guard(address: string): void { guardAddress(this.runnerRef(), address); }

  /** fetch() from the runner, to loopback or a lab address only. */
  async fetch(url: string | URL, init?: RequestInit): Promise<Response> {
    return fetch(guardUrl(this.runnerRef(), url), init);
  }

  /** Runs a program on the runner that will talk to the given addresses (kubectl, etcdctl, …), after checking each. */
  async runOnRunner(cmd: string, args: readonly string[], talksTo: readonly string[], opts: RunOptions = {}): Promise<ExecResult> {
    for (const a of talksTo) this.guard(a);
    return run(cmd, args, opts);
  }

  /** One ping, from the runner (through the lab link only) or from a host; true when answered. */
  async ping(from: HostRef | 'runner', to: string, timeoutS = 1): Promise<boolean> {
    this.guard(to);
    const args = ['ping', '-c', '1', '-W', String(timeoutS), to];
    const r = from === 'runner'
      ? await run('busybox', ['ping', '-I', this.l.runner.link, ...args.slice(1)], { timeoutMs: (timeoutS + 5) * 1000 })
      : await this.exec(from, ['busybox', ...args], { timeoutMs: (timeoutS + 5) * 1000 });
    return r.code === 0;
  }

  // --- hosts ---------------------------------------------------------------------------------

  /** Runs a command in a host's network namespace (a string goes through sh -c). Never throws for a non-zero exit. */
  async exec(ref: HostRef, cmd: string | readonly string[], opts: RunOptions = {}): Promise<ExecResult> {
    const h = this.host(ref);
    if (!existsSync(h.netnsPath)) throw new Error(`host ${h.name} of lab ${this.id} does not exist (lab stopped?)`);
    const argv = typeof cmd === 'string' ? ['sh', '-c', cmd] : cmd;
    return run('nsenter', [`--net=${h.netnsPath}`, '--', ...argv], { timeoutMs: 60_000, ...opts, env: { ...this.hostEnv(), ...opts.env } });
  }

  /** The docker CLI against a node host's dockerd. */
  async docker(ref: HostRef, args: readonly string[], opts: RunOptions = {}): Promise<ExecResult> {
    const d = this.host(ref).docker;
    if (d === undefined) throw new Error(`host ${this.host(ref).name} runs no dockerd`);
    return run(dockerCli, ['-H', d.host, ...args], { timeoutMs: 120_000, ...opts });
  }

  /** Starts a process inside a host (nsenter --net), tracked by pid; teardown ends it. */
  startProcess(ref: HostRef, cmd: string, args: readonly string[], opts: StartProcessOptions = {}): HostProcess {
    const h = this.host(ref);
    if (this.stopped) throw new Error(`lab ${this.id} is stopped`);
    const name = opts.name ?? basename(cmd);
    const key = `${h.name}/${name}`;
    const prev = this.procs.get(key);
    if (prev?.isRunning === true) throw new Error(`${name} already runs on ${h.name} (pid ${prev.pid})`);
    const p = new HostProcess({
      name, host: h.name, netnsPath: h.netnsPath, cmd, args, cwd: opts.cwd,
      env: { ...this.hostEnv(), ...opts.env }, logFile: join(h.dir, `${name}.log`),
    }, {
      started: (rec) => { this.records.push(rec); this.save(); },
      exited: (rec) => { this.records = this.records.filter((r) => r !== rec); if (!this.stopped) this.save(); },
    });
    this.procs.set(key, p);
    return p.start();
  }

  /** A process started in a host: dockerd, etcd-e1, or any started with startProcess. */
  process(ref: HostRef, name: string): HostProcess {
    const p = this.procs.get(`${this.host(ref).name}/${name}`);
    if (p === undefined) throw new Error(`no process ${name} was started on ${this.host(ref).name}`);
    return p;
  }

  stopComponent(ref: HostRef, name: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    return this.process(ref, name).stop(signal);
  }

  killComponent(ref: HostRef, name: string): Promise<number | null> {
    return this.process(ref, name).kill();
  }

  /** Starts a stopped component again with its command line; waits for dockerd and etcd to answer. */
  async startComponent(ref: HostRef, name: string): Promise<HostProcess> {
    const p = this.process(ref, name).start();
    if (name === 'dockerd') await this.waitDocker(this.host(ref), p);
    const m = this.etcdMembers.find((x) => `etcd-${x.name}` === name && x.host === this.host(ref).name);
    if (m !== undefined) await this.waitEtcd([m]);
    return p;
  }

  /** Cuts a host off the switch (its switch port down; its own links and routes stay). */
  disconnect(ref: HostRef): Promise<void> { return setPort(this.l.switchNetns, this.host(ref).switchPort, false); }
  reconnect(ref: HostRef): Promise<void> { return setPort(this.l.switchNetns, this.host(ref).switchPort, true); }

  // --- teardown ------------------------------------------------------------------------------

  /** Removes everything the lab made; throws when something could not be removed. */
  async stop(): Promise<void> {
    const left = this.teardownNow();
    if (left !== '') throw new Error(left);
  }

  /** Synchronous teardown (also the exit hook's); returns a description of leftovers, '' when none. */
  teardownNow(): string {
    if (this.stopped) return '';
    this.stopped = true;
    openLabs.delete(this);
    const log = this.opts.log ?? (() => {});
    const left: Leftovers = teardown(this.state(), log);
    withLock(() => releaseShared(this.id));
    const parts = Object.entries(left).filter(([, v]) => (v as unknown[]).length > 0).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    return parts.length === 0 ? '' : `lab ${this.id} left behind ${parts.join('; ')}`;
  }

  // --- internals -----------------------------------------------------------------------------

  private async bringUp(): Promise<void> {
    mkdirSync(this.l.workDir, { recursive: true });
    writeFileSync(join(this.l.workDir, labDirMarker), `${this.id}\n`);
    for (const h of this.l.hosts) mkdirSync(h.dir, { recursive: true });
    if (this.opts.iptables === 'legacy') this.makeLegacyBin();
    await wire({ switchNetns: this.l.switchNetns, prefixLen: this.l.prefixLen, runner: this.l.runner,
      hosts: this.l.hosts.map((h) => ({ netns: h.netns, port: h.switchPort, ip: h.ip })) });
    const nodes = this.nodes;
    for (const h of nodes) {
      const d = h.docker!;
      writeFileSync(join(h.dir, 'daemon.json'), '{}\n');
      this.startProcess(h, '/usr/sbin/dockerd', dockerdArgs(dockerdPaths(h.dir, d.cgroupParent)), { name: 'dockerd' });
    }
    await Promise.all(nodes.map((h) => this.waitDocker(h, this.process(h, 'dockerd'))));
    if (this.opts.images) await loadImages(nodes.map((h) => h.docker!.socket));
    const token = `bosun-${this.id}`;
    for (const m of this.etcdMembers) this.startProcess(m.host, 'etcd', etcdArgs(m, this.etcdMembers, token), { name: `etcd-${m.name}` });
    await this.waitEtcd(this.etcdMembers);
  }

  private async waitDocker(h: LabHost, p: HostProcess): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await run(dockerCli, ['-H', h.docker!.host, 'version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 });
      if (r.code === 0) return;
      if (!p.isRunning) throw new Error(`dockerd on ${h.name} exited: ${p.logs(3000)}`);
      if (Date.now() > deadline) throw new Error(`dockerd on ${h.name} did not answer in 60 s: ${p.logs(3000)}`);
      await sleep(100);
    }
  }

  /** Each member answers /health (through the guarded fetch: the lab must be up). */
  async waitEtcd(members: readonly EtcdMember[] = this.etcdMembers, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const m of members) {
      for (;;) {
        const res = await this.fetch(`${clientUrl(m)}/health`, { signal: AbortSignal.timeout(2_000) })
          .catch((err: unknown) => { if (err instanceof LabSafetyError) throw err; return undefined; });
        if (res?.ok === true && ((await res.json()) as { health?: unknown }).health === 'true') break;
        const p = this.process(m.host, `etcd-${m.name}`);
        if (!p.isRunning) throw new Error(`etcd ${m.name} on ${m.host} exited: ${p.logs(3000)}`);
        if (Date.now() > deadline) throw new Error(`etcd ${m.name} on ${m.host} not healthy in ${timeoutMs} ms: ${p.logs(3000)}`);
        await sleep(100);
      }
    }
  }

  /** A folder first on PATH whose iptables* are the legacy backend (recipe §6.4; the machine's alternatives stay as they are). */
  private makeLegacyBin(): void {
    const bin = join(this.l.workDir, 'bin');
    mkdirSync(bin, { recursive: true });
    for (const b of ['iptables', 'iptables-save', 'iptables-restore', 'ip6tables', 'ip6tables-save', 'ip6tables-restore']) {
      symlinkSync(`/usr/sbin/${b.replace(/^(ip6?tables)/, '$1-legacy')}`, join(bin, b));
    }
  }

  private hostEnv(): NodeJS.ProcessEnv {
    const path = `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;
    return { ...process.env, PATH: this.opts.iptables === 'legacy' ? `${join(this.l.workDir, 'bin')}:${path}` : path };
  }

  private runnerRef() { return { ...this.l.runner, subnet: this.l.subnet }; }

  private state(): LabState {
    return { ...initialState(this.l), processes: [...this.records] };
  }

  private save(): void { saveLab(this.state()); }
}

function initialState(l: Layout): LabState {
  return {
    version: 1, id: l.id, owner: self(), workDir: l.workDir, subnet: l.subnet,
    runnerLink: l.runner.link, runnerIp: l.runner.ip,
    namespaces: [...l.hosts.map((h) => h.netns), l.switchNetns],
    cgroupParents: l.hosts.flatMap((h) => (h.docker !== undefined ? [h.docker.cgroupParent] : [])),
    dockerSockets: l.hosts.flatMap((h) => (h.docker !== undefined ? [h.docker.socket] : [])),
    processes: [],
  };
}

/** A fresh id (`bl-` and 4 characters) that names nothing on this machine yet. */
function newId(): string {
  const taken = [...listDir(netnsDir), ...listDir('/sys/class/net'), ...listDir('/tmp'), ...liveLabs().map((s) => s.id)];
  for (;;) {
    const id = `bl-${randomBytes(3).readUIntBE(0, 3).toString(36).padStart(4, '0').slice(-4)}`;
    if (!taken.some((t) => t === id || t.startsWith(`${id}-`))) return id;
  }
}

/** The given subnet after checking it, or the first candidate free of routes, other labs and the cluster ranges. */
function chooseSubnet(wanted: string | undefined, clusterRanges: readonly string[]): string {
  const routed = routedDestinations();
  const taken = [...liveLabs().map((s) => s.subnet), ...clusterRanges];
  if (wanted !== undefined) {
    const clash = [...routed.filter((r) => r !== 'default'), ...taken].find((r) => overlaps(parseCidr(r), parseCidr(wanted)));
    if (clash !== undefined) throw new Error(`the lab subnet ${wanted} overlaps ${clash}, already in use here`);
    return wanted;
  }
  const s = pickSubnet(subnetCandidates, routed, taken);
  if (s === undefined) throw new Error(`every candidate lab subnet is in use (${subnetCandidates.join(', ')}); pass one with { subnet }`);
  return s;
}

/** Destinations in every routing table of the runner's namespace (IPv4). */
function routedDestinations(): string[] {
  const r = runSync('ip', ['-j', '-4', 'route', 'show', 'table', 'all']);
  if (r.code !== 0) throw new Error(`ip route failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as Array<{ dst?: unknown }>).flatMap((x) => (typeof x.dst === 'string' ? [x.dst] : []));
}

/** The runner's blackhole routes for the cluster ranges (added unless present) and /run/netns, shared by live labs. */
function reserveShared(ranges: readonly string[]): void {
  const shared = loadShared();
  const added = [...shared.addedRoutes];
  for (const r of ranges) {
    if (runSync('ip', ['route', 'show', 'exact', r]).stdout.trim() !== '') continue;   // a route exists: keep it, add none
    const res = runSync('ip', ['route', 'add', 'blackhole', r]);
    if (res.code !== 0) throw new Error(`could not add blackhole route ${r}: ${res.stderr}`);
    added.push(r);
  }
  saveShared({ addedRoutes: [...new Set(added)], madeNetnsDir: shared.madeNetnsDir || !existsSync(netnsDir) });
}

