// The garbage collector: ownerReferences cascade as `kubectl delete --cascade=background|foreground|orphan` asks.
import type { Controller, ControllerContext } from '../controller.js';
import { GarbageCollector, type GarbageCollectorOptions } from './controller.js';

export type { GarbageCollectorOptions } from './controller.js';

export function createGarbageCollector(ctx: ControllerContext, opts: GarbageCollectorOptions = {}): Controller {
  return new GarbageCollector(ctx, opts);
}
