// A fixed-size ring of the most recent events of one resource, oldest first, sorted by revision.
import type { ApiObject } from '../../../shared/api/meta.js';

export interface CacheEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly key: string;
  readonly object: ApiObject;
  readonly prev: ApiObject | undefined;
  readonly rev: number;
  /** Whole watch frames by event type, encoded once and shared by every watcher that sends them. */
  frames?: Partial<Record<string, Buffer>>;
}

export class EventRing {
  private readonly buf: (CacheEvent | undefined)[];
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.buf = new Array<CacheEvent | undefined>(capacity);
  }

  /** Adds an event; returns the one pushed out, if the ring was full. */
  push(ev: CacheEvent): CacheEvent | undefined {
    if (this.size < this.capacity) {
      this.buf[(this.start + this.size) % this.capacity] = ev;
      this.size++;
      return undefined;
    }
    const dropped = this.buf[this.start];
    this.buf[this.start] = ev;
    this.start = (this.start + 1) % this.capacity;
    return dropped;
  }

  private at(i: number): CacheEvent {
    return this.buf[(this.start + i) % this.capacity]!;
  }

  /** Events with a revision above `rev`, oldest first. */
  after(rev: number): CacheEvent[] {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at(mid).rev <= rev) lo = mid + 1; else hi = mid;
    }
    const out: CacheEvent[] = [];
    for (let i = lo; i < this.size; i++) out.push(this.at(i));
    return out;
  }

  clear(): void {
    this.buf.fill(undefined);
    this.start = 0;
    this.size = 0;
  }

  get length(): number {
    return this.size;
  }
}
