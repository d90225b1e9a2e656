// Every controller the controller-manager can run, by name (Kubernetes' names where they exist).
import { createGarbageCollector } from './garbagecollector/index.js';
import type { ControllerFactory } from './manager.js';
import { createNamespaceController } from './namespace/index.js';

export const controllerFactories: ReadonlyMap<string, ControllerFactory> = new Map<string, ControllerFactory>([
  ['garbagecollector', (ctx) => createGarbageCollector(ctx)],
  ['namespace', (ctx) => createNamespaceController(ctx)],
]);
