// Informer-style waits on one object, as kubectl's delete and rollout status do: LIST by
// metadata.name, then WATCH from the list's version, watching again when the stream ends;
// `check` sees the object (undefined once it is gone) and says when to stop.
import { isStatusError } from '../../api/errors.js';
import type { ApiObject } from '../../api/meta.js';
import type { Cli } from './context.js';
import { pathOf, type ApiResource } from './discovery.js';
import { CliError } from './errors.js';
import { listObjects, withType } from './objects.js';
import { watchLines } from './watch.js';

export type Verdict<T> = { readonly done: true; readonly value: T } | { readonly done: false };

export async function waitOnObject<T>(
  cli: Cli, r: ApiResource, namespace: string, name: string, timeoutMs: number,
  check: (obj: ApiObject | undefined) => Verdict<T>, onTimeout: () => Error,
): Promise<T> {
  const ctl = new AbortController();
  const stopOuter = (): void => ctl.abort();
  cli.io.signal.addEventListener('abort', stopOuter, { once: true });
  const timer = timeoutMs > 0 ? setTimeout(() => ctl.abort(), timeoutMs) : undefined;
  try {
    const fieldSelector = `metadata.name=${name}`;
    for (;;) {
      const list = await listObjects(cli, r, namespace, { fieldSelector }, ctl.signal);
      const first = check(list.items[0]);
      if (first.done) return first.value;
      let rv = list.resourceVersion;
      try {
        for (;;) {
          for await (const ev of watchLines(cli, {
            path: pathOf(r, namespace), signal: ctl.signal,
            query: { fieldSelector, resourceVersion: rv, watch: true, allowWatchBookmarks: true, timeoutSeconds: 300 },
          })) {
            if (ev.type === 'BOOKMARK') continue;
            const obj = withType(r, ev.object);
            rv = obj.metadata.resourceVersion ?? rv;
            const v = check(ev.type === 'DELETED' ? undefined : obj);
            if (v.done) return v.value;
          }
          if (ctl.signal.aborted) break;
        }
      } catch (err) {
        if (!isStatusError(err, 'Expired') && !isStatusError(err, 'Gone')) throw err;
        continue;   // too old: list again
      }
      if (ctl.signal.aborted) break;
    }
    if (cli.io.signal.aborted) throw new CliError('interrupted');
    throw onTimeout();
  } catch (err) {
    if (ctl.signal.aborted && !cli.io.signal.aborted) throw onTimeout();   // the deadline cut a request short
    throw err;
  } finally {
    clearTimeout(timer);
    cli.io.signal.removeEventListener('abort', stopOuter);
  }
}
