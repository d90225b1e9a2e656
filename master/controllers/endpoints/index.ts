// The Endpoints controller: a service's selector → the ready and not-ready addresses of its pods.
import type { Controller, ControllerContext } from '../controller.js';
import { EndpointsController, type EndpointsControllerOptions } from './controller.js';

export type { EndpointsControllerOptions } from './controller.js';

export function createEndpointsController(ctx: ControllerContext, opts: EndpointsControllerOptions = {}): Controller {
  return new EndpointsController(ctx, opts);
}
