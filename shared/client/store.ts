// An informer's cache. The writer (the informer) swaps a relist in whole or applies one watch
// event, and gets back what changed; readers (controllers) see only StoreReader. Objects are
// shared and read-only: structuredClone one before changing it.
import type { ApiObject } from '../api/meta.js';
import { keyOf } from './object-key.js';

/** Index values of an object, e.g. its owners' UIDs; an object may have none or several. */
export type IndexFunc<T extends ApiObject> = (obj: T) => readonly string[];
export type Indexers<T extends ApiObject> = Readonly<Record<string, IndexFunc<T>>>;

/** An object found gone by a relist: its deletion was not seen, `last` is the state cached before. */
export interface Tombstone<T extends ApiObject> {
  readonly kind: 'tombstone';
  readonly key: string;
  readonly last: T;
}

export const isTombstone = <T extends ApiObject>(o: T | Tombstone<T>): o is Tombstone<T> =>
  (o as { kind?: unknown }).kind === 'tombstone';

/** The object a delete handler was given: the final state, or the last one known. */
export const deletedObject = <T extends ApiObject>(o: T | Tombstone<T>): T => (isTombstone(o) ? o.last : o);

export type StoreChange<T extends ApiObject> =
  | { readonly type: 'added'; readonly object: T }
  | { readonly type: 'updated'; readonly old: T; readonly object: T }
  | { readonly type: 'deleted'; readonly object: T | Tombstone<T> };

export interface StoreReader<T extends ApiObject> {
  get(key: string): T | undefined;
  list(): T[];
  keys(): string[];
  /** Objects whose index `indexName` includes `value` ('namespace' is always there). */
  byIndex(indexName: string, value: string): T[];
  /** True once the first list has been stored. */
  hasSynced(): boolean;
}

export const namespaceIndex = 'namespace';

export class Store<T extends ApiObject> implements StoreReader<T> {
  private readonly indexers: Indexers<T>;
  private objects = new Map<string, T>();
  private indices = new Map<string, Map<string, Set<string>>>();
  private synced = false;

  constructor(opts: { indexers?: Indexers<T> } = {}) {
    this.indexers = { [namespaceIndex]: (obj: T) => [obj.metadata.namespace ?? ''], ...opts.indexers };
    this.clearIndices();
  }

  get(key: string): T | undefined {
    return this.objects.get(key);
  }

  list(): T[] {
    return [...this.objects.values()];
  }

  keys(): string[] {
    return [...this.objects.keys()];
  }

  byIndex(indexName: string, value: string): T[] {
    const index = this.indices.get(indexName);
    if (index === undefined) throw new Error(`no index named ${JSON.stringify(indexName)}`);
    const out: T[] = [];
    for (const key of index.get(value) ?? []) {
      const obj = this.objects.get(key);
      if (obj !== undefined) out.push(obj);
    }
    return out;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** Writer: a full list replaces the content; what vanished comes back as tombstones. */
  replace(items: readonly T[]): StoreChange<T>[] {
    const next = new Map<string, T>();
    const changes: StoreChange<T>[] = [];
    for (const obj of items) {
      const key = keyOf(obj);
      const old = this.objects.get(key);
      next.set(key, obj);
      changes.push(old === undefined ? { type: 'added', object: obj } : { type: 'updated', old, object: obj });
    }
    for (const [key, last] of this.objects) {
      if (!next.has(key)) changes.push({ type: 'deleted', object: { kind: 'tombstone', key, last } });
    }
    this.objects = next;
    this.clearIndices();
    for (const [key, obj] of next) this.index(key, obj);
    this.synced = true;
    return changes;
  }

  /** Writer: one watch event; undefined when it changes nothing (the delete of an unknown object). */
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T): StoreChange<T> | undefined {
    const key = keyOf(obj);
    const old = this.objects.get(key);
    if (old !== undefined) this.unindex(key, old);
    if (type === 'DELETED') {
      if (old === undefined) return undefined;
      this.objects.delete(key);
      return { type: 'deleted', object: obj };
    }
    this.objects.set(key, obj);
    this.index(key, obj);
    return old === undefined ? { type: 'added', object: obj } : { type: 'updated', old, object: obj };
  }

  private clearIndices(): void {
    this.indices = new Map(Object.keys(this.indexers).map((name) => [name, new Map<string, Set<string>>()]));
  }

  private index(key: string, obj: T): void {
    for (const [name, fn] of Object.entries(this.indexers)) {
      const index = this.indices.get(name)!;
      for (const value of fn(obj)) {
        let keys = index.get(value);
        if (keys === undefined) index.set(value, keys = new Set());
        keys.add(key);
      }
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of Object.entries(this.indexers)) {
      const index = this.indices.get(name)!;
      for (const value of fn(obj)) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(value);
      }
    }
  }
}
