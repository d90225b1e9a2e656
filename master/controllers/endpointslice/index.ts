// The EndpointSlice controller: a service's selector → discovery.k8s.io/v1 EndpointSlices of its pods.
import type { Controller, ControllerContext } from '../controller.js';
import { EndpointSliceController, type EndpointSliceControllerOptions } from './controller.js';

export type { EndpointSliceControllerOptions } from './controller.js';

export function createEndpointSliceController(ctx: ControllerContext, opts: EndpointSliceControllerOptions = {}): Controller {
  return new EndpointSliceController(ctx, opts);
}
