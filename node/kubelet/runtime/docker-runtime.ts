// The container runtime on Docker Engine: the only module that imports dockerode (DESIGN §3).
// It lists Bosun's containers by their labels and inspects each one again only when its state
// changed, so a relist of a busy node costs one list call.
import Docker from 'dockerode';
import { PassThrough, type Duplex, type Readable } from 'node:stream';
import { cgroupUsage } from './cgroup-stats.js';
import { DockerDemuxer } from './demux.js';
import { identityFrom, labelPodUid } from './labels.js';
import type {
  ContainerRuntime, CreateSpec, ExecResult, ImageInfo, NetworkSpec, RegistryAuth, RuntimeContainer, RuntimeState, RuntimeVersion,
} from './runtime.js';
import type { ContainerUsage, ExecOptions, LogOptions, StreamOptions, StreamSession, StreamingRuntime, TerminalSize } from './streaming.js';

/** Docker's answer for a missing object. */
export class RuntimeNotFoundError extends Error {
  override readonly name = 'RuntimeNotFoundError';
  readonly code = 'NotFound';
}

const statusOf = (err: unknown): number | undefined => (err as { statusCode?: number } | null)?.statusCode;

/** Docker's error text without dockerode's "(HTTP code 404) no such container - " prefix. */
function dockerMessage(err: unknown): string {
  const json = (err as { json?: { message?: unknown } } | null)?.json;
  if (json !== undefined && json !== null && typeof json.message === 'string') return json.message;
  return err instanceof Error ? err.message : String(err);
}

function translate(err: unknown, what: string): Error {
  if (statusOf(err) === 404) return new RuntimeNotFoundError(`${what}: ${dockerMessage(err)}`, { cause: err });
  return new Error(`${what}: ${dockerMessage(err)}`, { cause: err });
}

const dockerTime = (s: string | undefined): Date | undefined => {
  if (s === undefined || s.startsWith('0001-')) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms);
};

const stateOf = (s: string | undefined): RuntimeState =>
  s === 'created' || s === 'running' || s === 'exited' ? s : s === 'dead' ? 'exited' : 'unknown';

interface Inspected { readonly key: string; readonly container: RuntimeContainer }

const imageCacheMs = 5000;

export class DockerRuntime implements ContainerRuntime, StreamingRuntime {
  private readonly docker: Docker;
  private readonly inspected = new Map<string, Inspected>();

  /** `host`: "unix:///var/run/docker.sock" or a socket path. */
  constructor(host: string) {
    const socketPath = host.startsWith('unix://') ? host.slice('unix://'.length) : host;
    this.docker = new Docker({ socketPath, version: 'v1.41' });
  }

  async version(signal: AbortSignal): Promise<RuntimeVersion> {
    signal.throwIfAborted();
    const [v, info] = await Promise.all([this.docker.version(), this.docker.info() as Promise<{ CgroupDriver?: string }>])
      .catch((err: unknown) => { throw translate(err, 'Docker version'); });
    return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, kernel: v.KernelVersion, cgroupDriver: info.CgroupDriver ?? '' };
  }

  /**
   * Lists coalesce: a call while a list runs joins the next one, which starts when the running
   * one ends — so every caller sees a list begun after its call, and thirty pod workers syncing
   * at once cost two or three Docker list calls, not thirty.
   */
  list(signal: AbortSignal): Promise<RuntimeContainer[]> {
    signal.throwIfAborted();
    if (this.running === undefined) {
      this.running = this.listNow().finally(() => { this.running = undefined; });
      return this.running;
    }
    this.next ??= this.running.catch(() => undefined).then(() => {
      this.next = undefined;
      return this.list(signal);
    });
    return this.next;
  }

  private running: Promise<RuntimeContainer[]> | undefined;
  private next: Promise<RuntimeContainer[]> | undefined;

  private async listNow(): Promise<RuntimeContainer[]> {
    const summaries = await this.docker.listContainers({ all: true, filters: { label: [labelPodUid] } })
      .catch((err: unknown) => { throw translate(err, 'list containers'); });
    const seen = new Set<string>();
    const out: RuntimeContainer[] = [];
    const stale: string[] = [];
    for (const s of summaries) {
      seen.add(s.Id);
      const key = `${s.State}`;
      const cached = this.inspected.get(s.Id);
      if (cached !== undefined && cached.key === key) { out.push(cached.container); continue; }
      stale.push(s.Id);
    }
    // Inspect what changed, a few at a time.
    const inspected = await Promise.all(stale.map(async (id) => {
      try {
        return await this.inspect(id);
      } catch (err) {
        if (err instanceof RuntimeNotFoundError) return undefined;     // removed between list and inspect
        throw err;
      }
    }));
    for (const c of inspected) {
      if (c === undefined) continue;
      this.inspected.set(c.id, { key: c.state, container: c });
      out.push(c);
    }
    for (const id of this.inspected.keys()) if (!seen.has(id)) this.inspected.delete(id);
    return out;
  }

  async container(id: string, signal: AbortSignal): Promise<RuntimeContainer | undefined> {
    signal.throwIfAborted();
    try {
      const c = await this.inspect(id);
      if (c !== undefined) this.inspected.set(c.id, { key: c.state, container: c });
      return c;
    } catch (err) {
      if (err instanceof RuntimeNotFoundError) return undefined;
      throw err;
    }
  }

  private async inspect(id: string): Promise<RuntimeContainer | undefined> {
    const i = await this.docker.getContainer(id).inspect().catch((err: unknown) => { throw translate(err, `inspect container ${id}`); });
    const identity = identityFrom(i.Config.Labels);
    if (identity === undefined) return undefined;
    const state = stateOf(i.State.Status);
    const nets = Object.values(i.NetworkSettings.Networks ?? {}) as { IPAddress?: string }[];
    const ip = nets.map((n) => n.IPAddress ?? '').find((a) => a !== '') ?? identity.podIP;
    const startedAt = dockerTime(i.State.StartedAt);
    const finishedAt = state === 'exited' ? dockerTime(i.State.FinishedAt) : undefined;
    return {
      id: i.Id, identity, state, image: i.Config.Image, imageId: i.Image, createdAt: new Date(i.Created),
      ...(startedAt !== undefined ? { startedAt } : {}),
      ...(finishedAt !== undefined ? { finishedAt } : {}),
      ...(state === 'exited' ? { exitCode: i.State.ExitCode } : {}),
      oomKilled: i.State.OOMKilled,
      ...(i.State.Error !== '' && i.State.Error !== undefined ? { error: i.State.Error } : {}),
      ...(ip !== undefined ? { ip } : {}),
      ...(state === 'running' && i.State.Pid > 0 ? { pid: i.State.Pid } : {}),
    };
  }

  async create(spec: CreateSpec, signal: AbortSignal): Promise<string> {
    signal.throwIfAborted();
    const c = await this.docker.createContainer({ ...spec.body, name: spec.name } as Docker.ContainerCreateOptions)
      .catch((err: unknown) => { throw translate(err, `create container ${spec.name}`); });
    return c.id;
  }

  async start(id: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    await this.docker.getContainer(id).start().catch((err: unknown) => {
      if (statusOf(err) === 304) return;                      // already running
      throw translate(err, `start container ${id}`);
    });
  }

  async stop(id: string, graceSeconds: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    await this.docker.getContainer(id).stop({ t: Math.max(0, Math.round(graceSeconds)) }).catch((err: unknown) => {
      if (statusOf(err) === 304) return;                      // not running
      throw translate(err, `stop container ${id}`);
    });
  }

  async remove(id: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    await this.docker.getContainer(id).remove({ force: true, v: true }).catch((err: unknown) => {
      if (statusOf(err) === 404) return;
      throw translate(err, `remove container ${id}`);
    });
    this.inspected.delete(id);
  }

  /** Images found are remembered for a few seconds: thirty pods of one image cost one inspect. */
  private readonly images = new Map<string, { info: ImageInfo; at: number }>();

  async image(ref: string, signal: AbortSignal): Promise<ImageInfo | undefined> {
    signal.throwIfAborted();
    const known = this.images.get(ref);
    if (known !== undefined && Date.now() - known.at < imageCacheMs) return known.info;
    try {
      const i = await this.docker.getImage(ref).inspect();
      const info = { id: i.Id, repoTags: i.RepoTags ?? [] };
      this.images.set(ref, { info, at: Date.now() });
      return info;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw translate(err, `inspect image ${ref}`);
    }
  }

  async pull(ref: string, auth: RegistryAuth | undefined, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const stream = await this.docker.pull(ref, auth !== undefined ? { authconfig: auth } : {})
      .catch((err: unknown) => { throw translate(err, `pull ${ref}`); }) as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) => {
      this.docker.modem.followProgress(stream, (err: Error | null, events: { error?: string }[]) => {
        const failed = events?.find((e) => e.error !== undefined);
        if (err !== null) reject(translate(err, `pull ${ref}`));
        else if (failed !== undefined) reject(new Error(`pull ${ref}: ${failed.error}`));
        else resolve();
      });
    });
  }

  async exec(id: string, command: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<ExecResult> {
    signal.throwIfAborted();
    const exec = await this.docker.getContainer(id).exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true })
      .catch((err: unknown) => { throw translate(err, `exec in container ${id}`); });
    const stream = await exec.start({ hijack: true, stdin: false }).catch((err: unknown) => { throw translate(err, `exec in container ${id}`); });
    let output = '';
    const sink = new PassThrough();
    sink.on('data', (b: Buffer) => { if (output.length < 64 * 1024) output += b.toString(); });
    this.docker.modem.demuxStream(stream, sink, sink);
    const ended = new Promise<void>((resolve) => { stream.on('end', resolve); stream.on('close', resolve); stream.on('error', () => resolve()); });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
    const result = await Promise.race([ended.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      (stream as { destroy?: () => void }).destroy?.();
      throw new Error(`command timed out after ${timeoutMs} ms`);
    }
    const info = await exec.inspect().catch((err: unknown) => { throw translate(err, `exec in container ${id}`); });
    return { exitCode: info.ExitCode ?? -1, output };
  }

  async logs(id: string, opts: LogOptions, signal: AbortSignal): Promise<Readable> {
    signal.throwIfAborted();
    const c = this.docker.getContainer(id);
    const info = await c.inspect().catch((err: unknown) => { throw translate(err, `inspect container ${id}`); });
    const query = {
      stdout: true, stderr: true, follow: opts.follow, timestamps: opts.timestamps,
      ...(opts.tailLines !== undefined ? { tail: opts.tailLines } : {}),
      ...(opts.since !== undefined ? { since: opts.since.getTime() / 1000 } : {}),
    };
    const raw = await (c.logs as (o: object) => Promise<NodeJS.ReadableStream | Buffer>)(query)
      .catch((err: unknown) => { throw translate(err, `logs of container ${id}`); });
    const out = new PassThrough();
    const demux = info.Config.Tty === true ? undefined : new DockerDemuxer();
    const feed = (b: Buffer): void => {
      if (demux === undefined) { out.write(b); return; }
      for (const part of demux.push(b)) out.write(part.data);
    };
    if (Buffer.isBuffer(raw)) { feed(raw); out.end(); return out; }
    const stream = raw as Readable;
    const stop = (): void => { stream.destroy(); out.end(); };
    signal.addEventListener('abort', stop, { once: true });
    out.once('close', () => { signal.removeEventListener('abort', stop); stream.destroy(); });
    stream.on('data', (b: Buffer) => feed(b));
    stream.once('end', () => out.end());
    stream.once('error', (err: Error) => out.destroy(translate(err, `logs of container ${id}`)));
    return out;
  }

  async execSession(id: string, opts: ExecOptions, signal: AbortSignal): Promise<StreamSession> {
    signal.throwIfAborted();
    const exec = await this.docker.getContainer(id).exec({
      Cmd: [...opts.command], AttachStdin: opts.stdin, AttachStdout: opts.stdout, AttachStderr: opts.stderr, Tty: opts.tty,
    }).catch((err: unknown) => { throw translate(err, `exec in container ${id}`); });
    const socket = await exec.start({ hijack: true, stdin: opts.stdin, Tty: opts.tty })
      .catch((err: unknown) => { throw translate(err, `exec in container ${id}`); }) as Duplex;
    const exitCode = async (): Promise<number | undefined> => {
      for (let i = 0; i < 50; i++) {
        const info = await exec.inspect().catch(() => undefined);
        if (info === undefined) return undefined;
        if (info.Running !== true) return info.ExitCode ?? undefined;
        await new Promise((r) => setTimeout(r, 20));
      }
      return undefined;
    };
    return hijackedSession(socket, opts, exitCode, (size) => exec.resize({ h: size.height, w: size.width }).then(() => undefined));
  }

  async attach(id: string, opts: StreamOptions, signal: AbortSignal): Promise<StreamSession> {
    signal.throwIfAborted();
    const c = this.docker.getContainer(id);
    const info = await c.inspect().catch((err: unknown) => { throw translate(err, `inspect container ${id}`); });
    const tty = info.Config.Tty === true;
    const socket = await c.attach({ stream: true, hijack: true, stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, logs: false })
      .catch((err: unknown) => { throw translate(err, `attach to container ${id}`); }) as unknown as Duplex;
    return hijackedSession(socket, { ...opts, tty }, async () => undefined,
      (size) => c.resize({ h: size.height, w: size.width }).then(() => undefined));
  }

  /** From the container's cgroup (cgroup-stats.ts); Docker's stats API only when that cannot be read. */
  async usage(id: string, signal: AbortSignal): Promise<ContainerUsage> {
    signal.throwIfAborted();
    const pid = this.inspected.get(id)?.container.pid ?? (await this.container(id, signal))?.pid;
    const fromCgroup = pid === undefined ? undefined : await cgroupUsage(pid);
    if (fromCgroup !== undefined) return fromCgroup;
    const s = await (this.docker.getContainer(id).stats as (o: object) => Promise<unknown>)({ stream: false, 'one-shot': true })
      .catch((err: unknown) => { throw translate(err, `stats of container ${id}`); }) as DockerStats;
    const usage = s.memory_stats?.usage ?? 0;
    const inactive = s.memory_stats?.stats?.total_inactive_file ?? s.memory_stats?.stats?.inactive_file ?? 0;
    const time = s.read !== undefined ? dockerTime(s.read) : undefined;
    return {
      time: time ?? new Date(), cpuUsageNanoSeconds: s.cpu_stats?.cpu_usage?.total_usage ?? 0,
      memoryUsageBytes: usage, memoryWorkingSetBytes: Math.max(0, usage - inactive),
    };
  }

  async ensureNetwork(spec: NetworkSpec, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    try {
      const n = await this.docker.getNetwork(spec.name).inspect() as { IPAM?: { Config?: { Subnet?: string }[] } };
      const subnet = n.IPAM?.Config?.[0]?.Subnet;
      if (subnet === spec.subnet) return;
      throw new Error(`Docker network ${spec.name} exists with subnet ${subnet ?? 'none'}, not ${spec.subnet}; remove it (docker network rm ${spec.name}) or give this node its old podCIDR`);
    } catch (err) {
      if (statusOf(err) !== 404) throw err instanceof Error && statusOf(err) === undefined ? err : translate(err, `inspect network ${spec.name}`);
    }
    await this.docker.createNetwork({
      Name: spec.name, Driver: 'bridge', CheckDuplicate: true,
      IPAM: { Driver: 'default', Config: [{ Subnet: spec.subnet, Gateway: spec.gateway, ...(spec.ipRange !== undefined ? { IPRange: spec.ipRange } : {}) }] },
      Options: {
        'com.docker.network.bridge.name': spec.bridge,
        'com.docker.network.bridge.enable_ip_masquerade': 'false',
        ...(spec.mtu !== undefined ? { 'com.docker.network.driver.mtu': String(spec.mtu) } : {}),
      },
      Labels: { 'io.bosun.network': 'pods' },
    }).catch((err: unknown) => { throw translate(err, `create network ${spec.name}`); });
  }

  async *events(signal: AbortSignal): AsyncIterable<string> {
    const stream = await this.docker.getEvents({ filters: { type: ['container'], label: [labelPodUid] } })
      .catch((err: unknown) => { throw translate(err, 'Docker events'); }) as NodeJS.ReadableStream & { destroy(): void };
    const onAbort = (): void => stream.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    let pending = '';
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        pending += chunk.toString();
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          if (line.trim() === '') continue;
          try {
            const ev = JSON.parse(line) as { id?: unknown };
            if (typeof ev.id === 'string') yield ev.id;
          } catch { /* a malformed line: the periodic relist covers it */ }
        }
      }
    } catch (err) {
      if (!signal.aborted) throw translate(err, 'Docker events');
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}

interface DockerStats {
  read?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number } };
  memory_stats?: { usage?: number; stats?: { total_inactive_file?: number; inactive_file?: number } };
}

/** Docker's hijacked connection as a session: demultiplexed output unless there is a TTY. */
function hijackedSession(socket: Duplex, opts: StreamOptions, exitCode: () => Promise<number | undefined>,
  resize: (size: TerminalSize) => Promise<void>): StreamSession {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const demux = opts.tty ? undefined : new DockerDemuxer();
  socket.on('data', (b: Buffer) => {
    if (demux === undefined) { stdout.write(b); return; }
    for (const part of demux.push(b)) (part.stream === 'stderr' ? stderr : stdout).write(part.data);
  });
  const ended = new Promise<void>((resolve) => {
    socket.once('end', () => resolve());
    socket.once('close', () => resolve());
    socket.once('error', () => resolve());
  });
  const done = ended.then(async () => {
    stdout.end();
    stderr.end();
    return exitCode();
  });
  let stdin: PassThrough | undefined;
  if (opts.stdin) {
    stdin = new PassThrough();
    stdin.on('data', (b: Buffer) => { if (!socket.destroyed) socket.write(b); });
    stdin.once('end', () => { if (!socket.destroyed) socket.end(); });
  }
  return {
    ...(stdin !== undefined ? { stdin } : {}),
    stdout, stderr, done,
    resize: (size) => resize(size).catch(() => undefined),
    close: () => { socket.destroy(); },
  };
}
