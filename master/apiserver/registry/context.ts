// What every registry verb works with: the store, the watch caches, admission, the clock.
import type { Logger } from 'pino';
import type { ApiObject } from '../../../shared/api/meta.js';
import type { ResourceType } from '../../../shared/api/resource.js';
import type { Clock } from '../../../shared/util/time.js';
import type { ExtraOps, ObjectStore } from '../storage/object-store.js';
import type { WatchCache } from '../storage/watch-cache.js';

/** Admission steps that run inside a write: they may change the object and add keys to its transaction. */
export interface Admission {
  /** Before create: may mutate obj; the returned ops are committed with it. */
  admitCreate(rt: ResourceType, obj: ApiObject, dryRun: boolean): Promise<ExtraOps>;
  /** Before an update is validated: carry over what the client may leave out (a Service's IPs and ports). */
  carryOver(rt: ResourceType, obj: ApiObject, old: ApiObject): void;
  /** Before update: may mutate obj; the returned ops are committed with it. */
  admitUpdate(rt: ResourceType, obj: ApiObject, old: ApiObject, dryRun: boolean): Promise<ExtraOps>;
  /** The keys to release when the object goes. */
  releaseOnDelete(rt: ResourceType, obj: ApiObject): ExtraOps;
  /** Refuse a delete (e.g. of the default namespace). */
  admitDelete(rt: ResourceType, obj: ApiObject): void;
}

export interface Registry {
  readonly store: ObjectStore;
  readonly caches: ReadonlyMap<string, WatchCache>;
  readonly admission: Admission;
  readonly clock: Clock;
  readonly log: Logger;
}

/** Where a request points: the resource, and namespace/name where they apply. */
export interface Target {
  readonly rt: ResourceType;
  readonly namespace: string;       // '' for cluster-scoped or all namespaces
  readonly name: string;            // '' for collections
}

export interface WriteOptions {
  readonly dryRun: boolean;
  readonly fieldManager?: string;
}
