// What every controller gets, and what it is: informers fill caches and enqueue keys;
// workers sync one key at a time through the API (STYLE.md §2).
import type { Logger } from 'pino';
import type { InformerFactory } from '../../shared/client/informer-factory.js';
import type { RestClient } from '../../shared/client/rest-client.js';
import type { TimerClock } from '../../shared/client/timers.js';

export interface ControllerContext {
  readonly client: RestClient;
  readonly informers: InformerFactory;
  readonly clock: TimerClock;
  /** The controller-manager's logger; each controller takes a child with { controller: name }. */
  readonly log: Logger;
}

export interface Controller {
  readonly name: string;
  /** Registers handlers (no I/O before this), then syncs until `signal` aborts. */
  run(signal: AbortSignal): Promise<void>;
}
