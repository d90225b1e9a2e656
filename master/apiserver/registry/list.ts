// Lists: consistent reads from etcd (paged with limit/continue at one revision), or from
// the watch cache when the client accepts any resourceVersion ("0").
import { badRequest, gone } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { isStorageError } from '../storage/errors.js';
import type { Registry, Target } from './context.js';
import { makeFilter } from './filter.js';
import { collectionPrefix, storageId } from './keys.js';
import { toApiError } from './storage-errors.js';

export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
}

export interface ListResult {
  readonly items: ApiObject[];
  readonly resourceVersion: string;
  readonly continue?: string;
}

interface ContinueToken { v: string; rv: number; start: string }

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ContinueToken>;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad fields');
    return t as ContinueToken;
  } catch {
    throw badRequest(`invalid continue token: ${JSON.stringify(token)}`);
  }
}

function parseRV(rv: string): number {
  const n = Number(rv);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid resource version: ${JSON.stringify(rv)}`);
  return n;
}

export async function listObjects(r: Registry, t: Target, opts: ListOptions): Promise<ListResult> {
  const filter = makeFilter(t.rt, t.namespace, opts.labelSelector, opts.fieldSelector);
  const prefix = collectionPrefix(t.rt, t.namespace);
  const limit = opts.limit !== undefined && opts.limit > 0 ? opts.limit : 0;
  if (opts.resourceVersion === '0' && opts.continue === undefined) {
    const cache = r.caches.get(storageId(t.rt));
    if (cache !== undefined) {
      await cache.ready();
      const items = cache.list(prefix).filter(filter);
      items.sort((a, b) => keyCmp(a, b));
      return { items, resourceVersion: String(cache.revision) };
    }
  }
  let revision = 0;
  let afterKey: string | undefined;
  if (opts.continue !== undefined && opts.continue !== '') {
    const tok = decodeContinue(opts.continue);
    revision = tok.rv;
    afterKey = `${prefix}${tok.start}`;
  } else if (opts.resourceVersion !== undefined && opts.resourceVersion !== '' && opts.resourceVersionMatch === 'Exact') {
    revision = parseRV(opts.resourceVersion);
  } else if (opts.resourceVersion !== undefined && opts.resourceVersion !== '') {
    parseRV(opts.resourceVersion);
  }
  const items: ApiObject[] = [];
  try {
    let listRev = revision;
    for (;;) {
      const page = await r.store.range(prefix, {
        revision: listRev, ...(afterKey !== undefined ? { afterKey } : {}), limit: limit > 0 ? Math.max(limit - items.length, 50) : 1000,
      });
      if (listRev === 0) listRev = page.revision;
      for (const obj of page.objects) {
        afterKey = keyOfObject(prefix, t.namespace, obj);
        if (!filter(obj)) continue;
        items.push(obj);
        if (limit > 0 && items.length === limit) {
          const more = page.more || page.objects[page.objects.length - 1] !== obj;
          return { items, resourceVersion: String(listRev),
            ...(more ? { continue: encodeContinue(listRev, afterKey.slice(prefix.length)) } : {}) };
        }
      }
      if (!page.more) return { items, resourceVersion: String(listRev) };
      if (page.lastKey !== undefined) afterKey = page.lastKey;
    }
  } catch (err) {
    if (isStorageError(err, 'Compacted')) {
      throw gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
    }
    throw toApiError(err, t);
  }
}

function keyOfObject(prefix: string, namespace: string, obj: ApiObject): string {
  const ns = obj.metadata.namespace;
  return namespace === '' && ns !== undefined && ns !== '' ? `${prefix}${ns}/${obj.metadata.name ?? ''}` : `${prefix}${obj.metadata.name ?? ''}`;
}

function keyCmp(a: ApiObject, b: ApiObject): number {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
