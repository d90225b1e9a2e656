// Liveness, readiness and startup probes (Kubernetes' prober): one worker per running
// container and probe kind, with initialDelaySeconds, periodSeconds, timeoutSeconds and the
// success/failure thresholds. Results belong to one container instance (its runtime id): a
// restarted container starts over — not ready, not started. Liveness and readiness wait for
// the startup probe. A changed result calls onChange so the pod is synced (and its status
// written) at once, not at the next periodic sync.
import type { Container, Probe } from '../../../shared/api/core/v1/container.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import { runHandler } from '../pods/handlers.js';
import type { ContainerRuntime, RuntimeContainer } from '../runtime/runtime.js';

type Kind = 'liveness' | 'readiness' | 'startup';

interface Worker {
  readonly kind: Kind;
  readonly containerId: string;
  readonly stop: AbortController;
  successes: number;
  failures: number;
  /** The probe's verdict so far. */
  ok: boolean;
}

export interface ProbeManagerOptions {
  readonly runtime: ContainerRuntime;
  readonly onChange: (podUid: string) => void;
  readonly recordEvent: (pod: Pod, reason: string, message: string) => void;
  readonly log: ClientLog;
}

const probeOf = (c: Container, kind: Kind): Probe | undefined =>
  kind === 'liveness' ? c.livenessProbe : kind === 'readiness' ? c.readinessProbe : c.startupProbe;

export class ProbeManager {
  private readonly workers = new Map<string, Worker>();       // `${uid}/${container}/${kind}`

  constructor(private readonly o: ProbeManagerOptions) {}

  /** Starts workers for the running containers of `pod` that have probes; stops the rest of the pod's. */
  sync(pod: Pod, running: readonly RuntimeContainer[], podIP: string): void {
    const uid = pod.metadata.uid ?? '';
    const want = new Set<string>();
    for (const rc of running) {
      if (rc.identity.kind !== 'app' || rc.state !== 'running') continue;
      const c = pod.spec?.containers.find((x) => x.name === rc.identity.containerName);
      if (c === undefined) continue;
      for (const kind of ['startup', 'readiness', 'liveness'] as const) {
        const probe = probeOf(c, kind);
        if (probe === undefined) continue;
        const key = `${uid}/${c.name}/${kind}`;
        want.add(key);
        const w = this.workers.get(key);
        if (w?.containerId === rc.id) continue;
        w?.stop.abort();
        this.start(pod, c, probe, kind, rc.id, podIP, key);
      }
    }
    for (const [key, w] of this.workers) {
      if (key.startsWith(`${uid}/`) && !want.has(key)) { w.stop.abort(); this.workers.delete(key); }
    }
  }

  /** Stops every worker of the pod `uid`. */
  forget(uid: string): void {
    for (const [key, w] of this.workers) if (key.startsWith(`${uid}/`)) { w.stop.abort(); this.workers.delete(key); }
  }

  stopAll(): void {
    for (const w of this.workers.values()) w.stop.abort();
    this.workers.clear();
  }

  private result(uid: string, container: string, kind: Kind, containerId: string): boolean | undefined {
    const w = this.workers.get(`${uid}/${container}/${kind}`);
    return w === undefined || w.containerId !== containerId ? undefined : w.ok;
  }

  /** Started: no startup probe, or it has succeeded. */
  started(pod: Pod, container: string, containerId: string): boolean {
    const c = pod.spec?.containers.find((x) => x.name === container);
    if (c?.startupProbe === undefined) return true;
    return this.result(pod.metadata.uid ?? '', container, 'startup', containerId) === true;
  }

  /** Ready: started, and no readiness probe or it succeeds. */
  ready(pod: Pod, container: string, containerId: string): boolean {
    if (!this.started(pod, container, containerId)) return false;
    const c = pod.spec?.containers.find((x) => x.name === container);
    if (c?.readinessProbe === undefined) return true;
    return this.result(pod.metadata.uid ?? '', container, 'readiness', containerId) === true;
  }

  /** Containers whose liveness or startup probe has failed: they are to be restarted. */
  unhealthy(pod: Pod): Set<string> {
    const uid = pod.metadata.uid ?? '';
    const out = new Set<string>();
    for (const [key, w] of this.workers) {
      if (!key.startsWith(`${uid}/`) || w.ok || (w.kind !== 'liveness' && w.kind !== 'startup')) continue;
      if (w.failures > 0) out.add(key.slice(uid.length + 1, key.lastIndexOf('/')));
    }
    return out;
  }

  private start(pod: Pod, c: Container, probe: Probe, kind: Kind, containerId: string, podIP: string, key: string): void {
    // Liveness passes and readiness/startup fail until they have run (Kubernetes' initial values).
    const w: Worker = { kind, containerId, stop: new AbortController(), successes: 0, failures: 0, ok: kind === 'liveness' };
    this.workers.set(key, w);
    const period = (probe.periodSeconds ?? 10) * 1000;
    const timeout = (probe.timeoutSeconds ?? 1) * 1000;
    const successThreshold = kind === 'readiness' ? probe.successThreshold ?? 1 : 1;
    const failureThreshold = probe.failureThreshold ?? 3;
    const signal = w.stop.signal;
    const uid = pod.metadata.uid ?? '';
    const tick = async (): Promise<void> => {
      if (signal.aborted) return;
      const gated = kind !== 'startup' && c.startupProbe !== undefined && !this.started(pod, c.name, containerId);
      if (!gated) {
        let failure: string | undefined;
        try {
          await runHandler(probe, c, { runtime: this.o.runtime, containerId, podIP }, timeout, signal);
        } catch (err) {
          failure = err instanceof Error ? err.message : String(err);
        }
        if (signal.aborted) return;
        const before = w.ok;
        if (failure === undefined) {
          w.successes++; w.failures = 0;
          if (w.successes >= successThreshold) w.ok = true;
        } else {
          w.failures++; w.successes = 0;
          const name = kind === 'liveness' ? 'Liveness' : kind === 'readiness' ? 'Readiness' : 'Startup';
          this.o.recordEvent(pod, 'Unhealthy', `${name} probe failed: ${failure}`);
          if (w.failures >= failureThreshold) w.ok = false;
        }
        if (before !== w.ok) {
          this.o.log.info({ pod: `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`, container: c.name, probe: kind, ok: w.ok }, 'Probe result changed');
          this.o.onChange(uid);
        }
        if (kind === 'startup' && w.ok) return;                 // a startup probe stops once it succeeded
      }
      timer = setTimeout(() => { void tick(); }, period);
    };
    let timer = setTimeout(() => { void tick(); }, (probe.initialDelaySeconds ?? 0) * 1000);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  }
}
