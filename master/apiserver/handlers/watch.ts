// Watches: chunked JSON lines of {"type","object"} served from the watch cache, with exact
// resume from a resourceVersion, 410 Expired as an in-stream ERROR event (as the real watch
// cache does), bookmarks on request, and Table rows for `kubectl get -w`.
import { badRequest, expired } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { makeFilter } from '../registry/filter.js';
import { storageId } from '../registry/keys.js';
import { listObjects } from '../registry/list.js';
import { TooOldError, type CacheEvent, type WatchSink } from '../storage/watch-cache.js';
import type { Call, Handlers } from './context.js';
import { tableOf } from './output.js';
import { bool, nonNegativeInt } from './query.js';

/** Past this much unsent output the client is too slow: end its watch (it re-watches). */
const maxBuffered = 32 * 1024 * 1024;

export async function handleWatch(h: Handlers, call: Call): Promise<void> {
  const { res, query: q, rt } = call;
  const cache = h.registry.caches.get(storageId(call.target.rt));
  if (cache === undefined) throw badRequest(`${rt.resource} cannot be watched`);
  const filter = makeFilter(call.target.rt, call.target.namespace, q.get('labelSelector') ?? undefined, q.get('fieldSelector') ?? undefined);
  const bookmarks = bool(q, 'allowWatchBookmarks') ?? false;
  const timeout = nonNegativeInt(q, 'timeoutSeconds')
    ?? h.watchTimeoutSeconds.min + Math.floor(Math.random() * (h.watchTimeoutSeconds.max - h.watchTimeoutSeconds.min + 1));
  const rvParam = q.get('resourceVersion') ?? '';
  if (rvParam !== '' && !/^\d+$/.test(rvParam)) throw badRequest(`invalid resource version: ${JSON.stringify(rvParam)}`);
  await cache.ready();

  let initial: ApiObject[] = [];
  let fromRev: number;
  if (rvParam === '') {
    const list = await listObjects(h.registry, call.target, {
      ...(q.get('labelSelector') !== null ? { labelSelector: q.get('labelSelector')! } : {}),
      ...(q.get('fieldSelector') !== null ? { fieldSelector: q.get('fieldSelector')! } : {}),
    });
    initial = list.items;
    fromRev = Number(list.resourceVersion);
  } else if (rvParam === '0') {
    fromRev = cache.revision;
    initial = cache.list().filter(filter);
  } else {
    fromRev = Number(rvParam);
  }

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let first = true;
  let lastRev = fromRev;
  let closed = false;
  const asTable = call.form === 'table';
  const frame = (type: string, obj: ApiObject, shared?: CacheEvent): string | Buffer => {
    if (asTable) {
      const t = tableOf(h, call, [obj], { resourceVersion: obj.metadata.resourceVersion ?? '' }, first);
      first = false;
      return `{"type":"${type}","object":${JSON.stringify(t)}}\n`;
    }
    if (call.form === 'metadata') {
      return `{"type":"${type}","object":${JSON.stringify({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata })}}\n`;
    }
    if (shared !== undefined && shared.object === obj && rt === call.target.rt) {
      shared.frames ??= {};
      return shared.frames[type] ??= Buffer.from(`{"type":"${type}","object":${JSON.stringify(h.codec.present(rt, obj))}}\n`);
    }
    return `{"type":"${type}","object":${JSON.stringify(h.codec.present(rt, obj))}}\n`;
  };
  // Writes of one event-loop turn go out together: one syscall per watcher per turn, not per event.
  let corked = false;
  const flush = (): void => {
    corked = false;
    if (!closed) res.uncork();
  };
  const write = (text: string | Buffer): void => {
    if (closed) return;
    if (!corked) { corked = true; res.cork(); setImmediate(flush); }
    res.write(text);
    if (res.writableLength > maxBuffered) stop();
  };

  let unsubscribe: () => void = () => {};
  const timer = setTimeout(() => stop(), timeout * 1000);
  const stop = (): void => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    unsubscribe();
    res.end();
  };
  call.req.on('close', stop);
  res.on('close', stop);

  for (const obj of initial) write(frame('ADDED', obj));
  const sink: WatchSink = {
    fromRev,
    deliver(ev) {
      const now = filter(ev.object);
      const before = ev.prev !== undefined && ev.type !== 'ADDED' && filter(ev.prev);
      let type: string | undefined;
      if (ev.type === 'DELETED') type = before || now ? 'DELETED' : undefined;
      else if (now && before) type = 'MODIFIED';
      else if (now) type = 'ADDED';
      else if (before) type = 'DELETED';
      lastRev = ev.rev;
      if (type !== undefined) write(frame(type, ev.object, ev));
    },
    bookmark(rev) {
      if (!bookmarks) return;
      const at = Math.max(rev, lastRev);
      write(`{"type":"BOOKMARK","object":${JSON.stringify({ kind: rt.kind, apiVersion: rt.group === '' ? rt.version : `${rt.group}/${rt.version}`, metadata: { resourceVersion: String(at) } })}}\n`);
    },
    end: stop,
  };
  try {
    unsubscribe = cache.watch(sink);
  } catch (err) {
    if (!(err instanceof TooOldError)) throw err;
    write(`{"type":"ERROR","object":${JSON.stringify(expired(err.message).toStatus())}}\n`);
    stop();
    return;
  }
  if (closed) unsubscribe();
}
