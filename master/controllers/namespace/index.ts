// The namespace controller: deleting a namespace removes everything in it, then the namespace.
import type { Controller, ControllerContext } from '../controller.js';
import { NamespaceController, type NamespaceControllerOptions } from './controller.js';

export type { NamespaceControllerOptions } from './controller.js';

export function createNamespaceController(ctx: ControllerContext, opts: NamespaceControllerOptions = {}): Controller {
  return new NamespaceController(ctx, opts);
}
