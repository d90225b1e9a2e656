// What the kubelet needs of a container runtime, as an interface: the pod logic is tested
// against a recording fake, and docker-runtime.ts (the one door to dockerode) is the real one.
import type { ContainerIdentity } from './labels.js';

export type RuntimeState = 'created' | 'running' | 'exited' | 'unknown';

/** One container Bosun made, as the runtime reports it. */
export interface RuntimeContainer {
  readonly id: string;
  readonly identity: ContainerIdentity;
  readonly state: RuntimeState;
  /** The image as asked for (e.g. "bosun/toolbox:1"). */
  readonly image: string;
  /** The image's id ("sha256:…"). */
  readonly imageId: string;
  readonly createdAt: Date;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
  readonly exitCode?: number;
  readonly oomKilled: boolean;
  /** Why it could not run (Docker's State.Error), if it says. */
  readonly error?: string;
  /** A sandbox's address on the pod network. */
  readonly ip?: string;
  /** Its first process, while it runs. */
  readonly pid?: number;
}

/** How to make a container: Docker's create body, built by container-spec.ts. */
export interface CreateSpec {
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface ImageInfo {
  readonly id: string;
  readonly repoTags: readonly string[];
}

export interface RegistryAuth {
  readonly username?: string;
  readonly password?: string;
  readonly auth?: string;
  readonly serveraddress: string;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly output: string;
}

export interface RuntimeVersion {
  readonly version: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly kernel: string;
  readonly cgroupDriver: string;
}

export interface NetworkSpec {
  readonly name: string;
  readonly subnet: string;
  readonly gateway: string;
  /** The part of the subnet Docker's IPAM may hand out (the rest is the kubelet's). */
  readonly ipRange?: string;
  /** The Linux bridge's name, e.g. "bosun0". */
  readonly bridge: string;
  readonly mtu?: number;
}

export interface ContainerRuntime {
  version(signal: AbortSignal): Promise<RuntimeVersion>;
  /** Every container Bosun made (by its labels), running or not. */
  list(signal: AbortSignal): Promise<RuntimeContainer[]>;
  /** One container as it is now (undefined when it is gone or not Bosun's). */
  container(id: string, signal: AbortSignal): Promise<RuntimeContainer | undefined>;
  create(spec: CreateSpec, signal: AbortSignal): Promise<string>;
  start(id: string, signal: AbortSignal): Promise<void>;
  /** SIGTERM (or the image's stop signal), then SIGKILL after `graceSeconds`. */
  stop(id: string, graceSeconds: number, signal: AbortSignal): Promise<void>;
  remove(id: string, signal: AbortSignal): Promise<void>;
  image(ref: string, signal: AbortSignal): Promise<ImageInfo | undefined>;
  pull(ref: string, auth: RegistryAuth | undefined, signal: AbortSignal): Promise<void>;
  exec(id: string, command: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<ExecResult>;
  /**
   * Makes the Docker bridge network `spec.name` on `spec.subnet` (masquerade off: pod traffic
   * keeps its source address) unless it exists with that subnet; one with another subnet is
   * an error naming both.
   */
  ensureNetwork(spec: NetworkSpec, signal: AbortSignal): Promise<void>;
  /** Ids of containers whose state changed (died, started …), until `signal` aborts. */
  events(signal: AbortSignal): AsyncIterable<string>;
}
