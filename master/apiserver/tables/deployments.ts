// kubectl get deployments: NAME READY UP-TO-DATE AVAILABLE AGE [CONTAINERS IMAGES SELECTOR].
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, CONTAINERS_DESCRIPTION, IMAGES_DESCRIPTION, nameColumn, wideColumn } from './columns.js';
import { containerCells } from './containers.js';
import { since } from './duration.js';
import { labelSelectorString } from './labels.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Ready', 'string', 'Number of the pod with ready state'),
  column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
  column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
  ageColumn,
  wideColumn('Containers', 'string', CONTAINERS_DESCRIPTION),
  wideColumn('Images', 'string', IMAGES_DESCRIPTION),
  wideColumn('Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.'),
];

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const d = obj as Deployment;
  const desired = d.spec?.replicas ?? 1;
  const { names, images } = containerCells(d.spec?.template?.spec?.containers);
  return [
    d.metadata.name ?? '',
    `${d.status?.readyReplicas ?? 0}/${desired}`,
    d.status?.updatedReplicas ?? 0,
    d.status?.availableReplicas ?? 0,
    since(d.metadata.creationTimestamp, now),
    names,
    images,
    labelSelectorString(d.spec?.selector) ?? '<invalid>',
  ];
}
