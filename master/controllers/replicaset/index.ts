// The replica controllers: apps/v1 ReplicaSet and core/v1 ReplicationController (the book's
// RC) keep `replicas` pods matching their selector, with one sync serving both kinds.
import type { Controller, ControllerContext } from '../controller.js';
import { ReplicaController, type ReplicaControllerOptions } from './controller.js';
import { replicaSetKind, replicationControllerKind } from './kind.js';

export type { ReplicaControllerOptions } from './controller.js';

export function createReplicaSetController(ctx: ControllerContext, opts: ReplicaControllerOptions = {}): Controller {
  return new ReplicaController(ctx, replicaSetKind, opts);
}

export function createReplicationControllerController(ctx: ControllerContext, opts: ReplicaControllerOptions = {}): Controller {
  return new ReplicaController(ctx, replicationControllerKind, opts);
}
