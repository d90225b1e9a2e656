// Shared informers: every controller of a process that watches pods shares one pods
// informer (one list + watch, one cache). Each informer carries the indexes controllers use:
// namespace (built in), ownerUid, and for pods nodeName.
import type { ApiObject } from '../api/meta.js';
import type { ClientLog } from './client-log.js';
import { Informer } from './informer.js';
import type { ResourceCoordinates } from './resource-path.js';
import type { RestClient } from './rest-client.js';
import type { Indexers } from './store.js';
import type { TimerClock } from './timers.js';

export const ownerUidIndex = 'ownerUid';
export const nodeNameIndex = 'nodeName';

function indexersFor(ref: ResourceCoordinates): Indexers<ApiObject> {
  const base: Record<string, (o: ApiObject) => readonly string[]> = {
    [ownerUidIndex]: (o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid),
  };
  if (ref.group === '' && ref.resource === 'pods') {
    base[nodeNameIndex] = (o) => [((o.spec ?? {}) as { nodeName?: string }).nodeName ?? ''];
  }
  return base;
}

export class InformerFactory {
  private readonly client: RestClient;
  private readonly clock: TimerClock;
  private readonly log: ClientLog;
  private readonly resyncMs: number;
  private readonly informers = new Map<string, Informer<ApiObject>>();
  private signal: AbortSignal | undefined;
  private readonly running: Promise<void>[] = [];

  constructor(opts: { client: RestClient; clock: TimerClock; log: ClientLog; resyncMs?: number }) {
    this.client = opts.client;
    this.clock = opts.clock;
    this.log = opts.log;
    this.resyncMs = opts.resyncMs ?? 0;
  }

  /** The one informer of this resource (created on first use; started at once if the factory runs). */
  informer<T extends ApiObject>(ref: ResourceCoordinates): Informer<T> {
    const id = `${ref.group}/${ref.version}/${ref.resource}`;
    let inf = this.informers.get(id);
    if (inf === undefined) {
      inf = new Informer<ApiObject>({
        client: this.client.resource<ApiObject>(ref), indexers: indexersFor(ref),
        resyncMs: this.resyncMs, clock: this.clock, log: this.log,
      });
      this.informers.set(id, inf);
      if (this.signal !== undefined) this.running.push(inf.run(this.signal));
    }
    return inf as unknown as Informer<T>;
  }

  /** Runs every informer made so far and any made later, until `signal` aborts. */
  start(signal: AbortSignal): void {
    if (this.signal !== undefined) return;
    this.signal = signal;
    for (const inf of this.informers.values()) this.running.push(inf.run(signal));
  }

  /** True once every informer made so far has its first list cached. */
  async waitForSync(signal: AbortSignal): Promise<boolean> {
    const all = await Promise.all([...this.informers.values()].map((i) => i.waitForSync(signal)));
    return all.every((x) => x);
  }

  /** Resolves when every running informer has stopped. */
  async stopped(): Promise<void> {
    await Promise.allSettled(this.running);
  }
}
