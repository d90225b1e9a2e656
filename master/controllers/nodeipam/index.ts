// The node IPAM controller: every Node gets its own spec.podCIDR from the cluster CIDR.
import type { Controller, ControllerContext } from '../controller.js';
import { NodeIpamController, type NodeIpamControllerOptions } from './controller.js';

export type { NodeIpamControllerOptions } from './controller.js';

export function createNodeIpamController(ctx: ControllerContext, opts: NodeIpamControllerOptions): Controller {
  return new NodeIpamController(ctx, opts);
}
