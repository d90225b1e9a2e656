// Events leave the scheduler a few at a time and after the bindings: client-go's broadcaster
// writes them one by one in the background, and a burst of thousands of event writes would
// crowd out the bindings that the pods wait for. An event waits while bindings are being
// written, but never longer than `maxDelayMs`, so a steady stream of bindings cannot starve it.
import type { Event } from '../../shared/api/core/v1/event.js';
import type { EventSink } from '../../shared/client/event-recorder.js';
import { Semaphore } from '../../shared/util/semaphore.js';

export interface BindingsIdle {
  /** Resolves when no binding is being written or waits to be. */
  idle(): Promise<void>;
}

export function deferredEventSink(sink: EventSink, concurrency: number, bindings: BindingsIdle, maxDelayMs = 5000): EventSink {
  const slots = new Semaphore(concurrency);
  return {
    createEvent: async (event: Event, signal: AbortSignal): Promise<void> => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([bindings.idle(), new Promise<void>((resolve) => { timer = setTimeout(resolve, maxDelayMs); })]);
      clearTimeout(timer);
      await slots.run(() => sink.createEvent(event, signal));
    },
  };
}
