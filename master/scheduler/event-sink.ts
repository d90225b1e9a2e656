// Events leave the scheduler a few at a time: client-go's broadcaster writes them one by one,
// and a burst of thousands of concurrent event writes would crowd out the bindings.
import type { Event } from '../../shared/api/core/v1/event.js';
import type { EventSink } from '../../shared/client/event-recorder.js';

export function boundedEventSink(sink: EventSink, concurrency: number): EventSink {
  let running = 0;
  const waiting: (() => void)[] = [];
  let head = 0;
  const acquire = (): Promise<void> => {
    if (running < concurrency) { running++; return Promise.resolve(); }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting[head];
    if (next === undefined) { running--; return; }
    head++;
    if (head > 1024 && head * 2 > waiting.length) { waiting.splice(0, head); head = 0; }
    next();
  };
  return {
    async createEvent(event: Event, signal: AbortSignal): Promise<void> {
      await acquire();
      try { await sink.createEvent(event, signal); } finally { release(); }
    },
  };
}
