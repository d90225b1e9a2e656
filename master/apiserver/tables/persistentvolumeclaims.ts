// kubectl get persistentvolumeclaims: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS
// VOLUMEATTRIBUTESCLASS AGE [VOLUMEMODE]. Capacity and access modes show once the claim is bound.
import type { PersistentVolumeClaim } from '../../../shared/api/core/v1/persistentvolumeclaim.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, nameColumn, wideColumn } from './columns.js';
import { since } from './duration.js';
import { accessModesCell, quantityCell, storageClassOf } from './storage.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
  column('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
  column('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
  column('Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1'),
  column('StorageClass', 'string', 'StorageClass of the pvc'),
  column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
  ageColumn,
  wideColumn('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.'),
];

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const pvc = obj as PersistentVolumeClaim;
  const spec = pvc.spec;
  const bound = !!spec?.volumeName;
  return [
    pvc.metadata.name ?? '',
    pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
    spec?.volumeName ?? '',
    bound ? quantityCell(pvc.status?.capacity?.['storage']) : '',
    bound ? accessModesCell(pvc.status?.accessModes) : '',
    storageClassOf(pvc.metadata.annotations, spec?.storageClassName),
    spec?.volumeAttributesClassName ?? '<unset>',
    since(pvc.metadata.creationTimestamp, now),
    spec?.volumeMode ?? '<unset>',
  ];
}
