// A scripted ListerWatcher for tests of the watcher and the informer: the test queues list
// answers, and pushes events into (or ends, or fails) each watch the code under test opens.
import type { ApiObject } from '../api/meta.js';
import type { ListOptions, ObjectList, WatchOptions } from './resource-client.js';
import type { TypedWatchEvent } from './watch-stream.js';
import type { ListerWatcher } from './watcher.js';

export class FakeWatch<T extends ApiObject> implements AsyncIterable<TypedWatchEvent<T>> {
  private readonly buffered: (TypedWatchEvent<T> | { end: true } | { error: unknown })[] = [];
  private wake: (() => void) | undefined;

  constructor(readonly opts: WatchOptions, private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.end(), { once: true });
  }

  push(...events: TypedWatchEvent<T>[]): void {
    this.buffered.push(...events);
    this.wake?.();
  }

  end(): void {
    this.buffered.push({ end: true });
    this.wake?.();
  }

  fail(error: unknown): void {
    this.buffered.push({ error });
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<TypedWatchEvent<T>> {
    for (;;) {
      const next = this.buffered.shift();
      if (next === undefined) {
        await new Promise<void>((r) => { this.wake = r; });
        this.wake = undefined;
        continue;
      }
      if ('end' in next) return;
      if ('error' in next) throw next.error;
      if (this.signal.aborted) return;
      yield next;
    }
  }
}

export class FakeListerWatcher<T extends ApiObject> implements ListerWatcher<T> {
  /** Answers for the next lists, in order: a list, or an error to throw. */
  readonly lists: (ObjectList<T> | Error)[] = [];
  readonly listCalls: ListOptions[] = [];
  readonly watches: FakeWatch<T>[] = [];
  private watchOpened: (() => void) | undefined;

  async listAll(_namespace: string, opts: ListOptions, _signal: AbortSignal): Promise<ObjectList<T>> {
    this.listCalls.push(opts);
    const next = this.lists.shift();
    if (next === undefined) throw new Error('the test queued no list answer');
    if (next instanceof Error) throw next;
    return { items: [...next.items], metadata: { ...next.metadata } };
  }

  watch(_namespace: string, opts: WatchOptions, signal: AbortSignal): AsyncIterable<TypedWatchEvent<T>> {
    const w = new FakeWatch<T>(opts, signal);
    this.watches.push(w);
    this.watchOpened?.();
    return w;
  }

  /** The n-th watch opened (from 1), waiting for it to open. */
  async watchNumber(n: number): Promise<FakeWatch<T>> {
    while (this.watches.length < n) await new Promise<void>((r) => { this.watchOpened = r; });
    return this.watches[n - 1]!;
  }
}
