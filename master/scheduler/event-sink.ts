// Events leave the scheduler a few at a time: client-go's broadcaster writes them one by one,
// and a burst of thousands of concurrent event writes would crowd out the bindings.
import type { Event } from '../../shared/api/core/v1/event.js';
import type { EventSink } from '../../shared/client/event-recorder.js';
import { Semaphore } from '../../shared/util/semaphore.js';

export function boundedEventSink(sink: EventSink, concurrency: number): EventSink {
  const slots = new Semaphore(concurrency);
  return {
    createEvent: (event: Event, signal: AbortSignal): Promise<void> => slots.run(() => sink.createEvent(event, signal)),
  };
}
