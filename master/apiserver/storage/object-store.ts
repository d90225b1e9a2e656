// Objects as JSON in etcd. resourceVersion is etcd's mod revision. Every write is a
// transaction with a precondition: create = "key absent", update/delete = "mod revision
// equals the one read". Extra keys (IP and port allocations) ride in the same transaction.
import type { ApiObject } from '../../../shared/api/meta.js';
import type { EtcdKv, RequestOp } from './etcd-kv.js';
import { StorageError } from './errors.js';
import { prefixEnd } from './keys.js';

/** etcd's default --max-request-bytes: a larger object cannot be stored. */
export const maxObjectBytes = 1572864;

export interface ExtraOps {
  /** Keys that must not exist (allocations being taken). */
  readonly absent?: readonly string[];
  readonly puts?: readonly { readonly key: string; readonly value: string }[];
  readonly deletes?: readonly string[];
}

export interface StoredRange {
  readonly objects: ApiObject[];
  /** The revision the range was read at. */
  readonly revision: number;
  /** More keys follow the last one returned. */
  readonly more: boolean;
  /** The key after which a next page starts. */
  readonly lastKey?: string;
}

export function decodeObject(key: string, value: Buffer, modRevision: string | number): ApiObject {
  let obj: unknown;
  try {
    obj = JSON.parse(value.toString('utf8'));
  } catch (err) {
    throw new StorageError('Unavailable', key, `stored value at ${key} is not JSON`, { cause: err });
  }
  const o = obj as ApiObject;
  o.metadata = { ...(o.metadata ?? {}), resourceVersion: String(modRevision) };
  return o;
}

function encodeObject(key: string, obj: ApiObject): Buffer {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  const buf = Buffer.from(JSON.stringify({ ...obj, metadata }));
  if (buf.length > maxObjectBytes) {
    throw new StorageError('TooLarge', key, `object of ${buf.length} bytes exceeds the ${maxObjectBytes}-byte limit`);
  }
  return buf;
}

function withRevision(obj: ApiObject, rev: string | number): ApiObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rev) } };
}

export class ObjectStore {
  private readonly kv: EtcdKv;

  constructor(opts: { kv: EtcdKv }) {
    this.kv = opts.kv;
  }

  async get(key: string): Promise<ApiObject | undefined> {
    const res = await this.kv.range({ key });
    const kv = res.kvs[0];
    return kv === undefined ? undefined : decodeObject(key, kv.value, kv.modRevision);
  }

  /** The store's current revision. */
  async currentRevision(): Promise<number> {
    const res = await this.kv.range({ key: '/registry/', countOnly: true });
    return res.revision;
  }

  async create(key: string, obj: ApiObject, extra: ExtraOps = {}): Promise<ApiObject> {
    const value = encodeObject(key, obj);
    const res = await this.kv.txn({
      compare: [key, ...(extra.absent ?? [])].map((k) => ({ key: k, target: 'create', revision: 0 })),
      success: [{ put: { key, value } }, ...extraRequests(extra)],
      failure: [{ range: { key, countOnly: true } }],
    });
    if (!res.succeeded) {
      const exists = (res.responses[0]?.range?.count ?? 0) > 0;
      throw new StorageError(exists ? 'KeyExists' : 'Conflict', key,
        exists ? `key ${key} already exists` : `an allocation for ${key} was taken concurrently`);
    }
    return withRevision(obj, res.revision);
  }

  /** Replace the object if its mod revision is still `expectRevision`. */
  async update(key: string, obj: ApiObject, expectRevision: number, extra: ExtraOps = {}): Promise<ApiObject> {
    const value = encodeObject(key, obj);
    const res = await this.kv.txn({
      compare: [
        { key, target: 'mod', revision: expectRevision },
        ...(extra.absent ?? []).map((k) => ({ key: k, target: 'create' as const, revision: 0 })),
      ],
      success: [{ put: { key, value } }, ...extraRequests(extra)],
      failure: [],
    });
    if (!res.succeeded) throw new StorageError('Conflict', key, `key ${key} changed since revision ${expectRevision}`);
    return withRevision(obj, res.revision);
  }

  /** Delete the object if its mod revision is still `expectRevision`; returns it as last stored. */
  async delete(key: string, current: ApiObject, expectRevision: number, extra: ExtraOps = {}): Promise<ApiObject> {
    const res = await this.kv.txn({
      compare: [{ key, target: 'mod', revision: expectRevision }],
      success: [{ deleteRange: { key } }, ...extraRequests(extra)],
      failure: [],
    });
    if (!res.succeeded) throw new StorageError('Conflict', key, `key ${key} changed since revision ${expectRevision}`);
    return withRevision(current, res.revision);
  }

  /**
   * Read up to `limit` objects under `prefix`, starting after `afterKey`, at `revision`
   * (0 = now). A compacted revision throws Compacted.
   */
  async range(prefix: string, opts: { revision?: number; afterKey?: string; limit?: number } = {}): Promise<StoredRange> {
    const start = opts.afterKey !== undefined ? Buffer.concat([Buffer.from(opts.afterKey), Buffer.from([0])]) : Buffer.from(prefix);
    let res;
    try {
      res = await this.kv.range({
        key: start, rangeEnd: Buffer.from(prefixEnd(prefix), 'latin1'),
        revision: opts.revision ?? 0, limit: opts.limit ?? 0,
      });
    } catch (err) {
      if (err instanceof Error && /compacted/.test(err.message)) {
        throw new StorageError('Compacted', prefix, `revision ${opts.revision} has been compacted`, { cause: err });
      }
      throw err;
    }
    const objects = res.kvs.map((kv) => decodeObject(kv.key.toString(), kv.value, kv.modRevision));
    const last = res.kvs[res.kvs.length - 1];
    return {
      objects, revision: res.revision, more: res.more,
      ...(last !== undefined ? { lastKey: last.key.toString() } : {}),
    };
  }

  /** Every object under `prefix` at `revision` (0 = now), read in pages. */
  async rangeAll(prefix: string, revision = 0): Promise<{ objects: ApiObject[]; revision: number }> {
    const objects: ApiObject[] = [];
    let page = await this.range(prefix, { revision, limit: 500 });
    const rev = revision === 0 ? page.revision : revision;
    objects.push(...page.objects);
    while (page.more && page.lastKey !== undefined) {
      page = await this.range(prefix, { revision: rev, afterKey: page.lastKey, limit: 500 });
      objects.push(...page.objects);
    }
    return { objects, revision: rev };
  }

  /** Keys (only) under a prefix: allocation bookkeeping. */
  async keys(prefix: string): Promise<string[]> {
    const res = await this.kv.range({
      key: prefix, rangeEnd: Buffer.from(prefixEnd(prefix), 'latin1'), keysOnly: true,
    });
    return res.kvs.map((kv) => kv.key.toString());
  }

  /** Compact history up to `revision` (like kube-apiserver's periodic compaction). */
  async compact(revision: number): Promise<void> {
    await this.kv.compact(revision);
  }
}

function extraRequests(extra: ExtraOps): RequestOp[] {
  return [
    ...(extra.puts ?? []).map((p) => ({ put: { key: p.key, value: p.value } })),
    ...(extra.deletes ?? []).map((k) => ({ deleteRange: { key: k } })),
  ];
}
