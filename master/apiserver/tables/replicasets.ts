// kubectl get replicasets / replicationcontrollers:
// NAME DESIRED CURRENT READY AGE [CONTAINERS IMAGES SELECTOR].
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import type { ReplicationController } from '../../../shared/api/core/v1/replicationcontroller.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, CONTAINERS_DESCRIPTION, IMAGES_DESCRIPTION, nameColumn, wideColumn } from './columns.js';
import { containerCells } from './containers.js';
import { since } from './duration.js';
import { formatLabels, formatLabelSelector } from './labels.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Desired', 'integer', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller'),
  column('Current', 'integer', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller'),
  column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
  ageColumn,
  wideColumn('Containers', 'string', CONTAINERS_DESCRIPTION),
  wideColumn('Images', 'string', IMAGES_DESCRIPTION),
  wideColumn('Selector', 'string', 'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors'),
];

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const rs = obj as ReplicaSet;
  const { names, images } = containerCells(rs.spec?.template?.spec?.containers);
  return [
    rs.metadata.name ?? '',
    rs.spec?.replicas ?? 1,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    since(rs.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(rs.spec?.selector),
  ];
}

/** ReplicationControllers print the same columns; their selector is a plain label map. */
export const replicationControllerColumns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Desired', 'integer', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller'),
  column('Current', 'integer', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller'),
  column('Ready', 'integer', 'The number of ready replicas for this replication controller.'),
  ageColumn,
  wideColumn('Containers', 'string', CONTAINERS_DESCRIPTION),
  wideColumn('Images', 'string', IMAGES_DESCRIPTION),
  wideColumn('Selector', 'string', 'Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors'),
];

export function replicationControllerRowCells(obj: ApiObject, now: Date): TableCell[] {
  const rc = obj as ReplicationController;
  const { names, images } = containerCells(rc.spec?.template?.spec?.containers);
  return [
    rc.metadata.name ?? '',
    rc.spec?.replicas ?? 1,
    rc.status?.replicas ?? 0,
    rc.status?.readyReplicas ?? 0,
    since(rc.metadata.creationTimestamp, now),
    names,
    images,
    formatLabels(rc.spec?.selector),
  ];
}
