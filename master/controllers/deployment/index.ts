// The Deployment controller: a ReplicaSet per pod template, rolled out by strategy, with
// revisions, rollback, pause and progress reporting, as Kubernetes' does.
import type { Controller, ControllerContext } from '../controller.js';
import { DeploymentController, type DeploymentControllerOptions } from './controller.js';

export type { DeploymentControllerOptions } from './controller.js';

export function createDeploymentController(ctx: ControllerContext, opts: DeploymentControllerOptions = {}): Controller {
  return new DeploymentController(ctx, opts);
}
