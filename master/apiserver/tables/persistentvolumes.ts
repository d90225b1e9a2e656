// kubectl get persistentvolumes: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM
// STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE [VOLUMEMODE].
import type { PersistentVolume } from '../../../shared/api/core/v1/persistentvolume.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, nameColumn, wideColumn } from './columns.js';
import { since } from './duration.js';
import { accessModesCell, quantityCell, storageClassOf } from './storage.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Capacity', 'string', "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
  column('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes'),
  column('Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming'),
  column('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase'),
  column('Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding'),
  column('StorageClass', 'string', 'StorageClass of the pv'),
  column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
  column('Reason', 'string', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
  ageColumn,
  wideColumn('VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.'),
];

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const pv = obj as PersistentVolume;
  const spec = pv.spec;
  const claim = spec?.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
  return [
    pv.metadata.name ?? '',
    quantityCell(spec?.capacity?.['storage']),
    accessModesCell(spec?.accessModes),
    spec?.persistentVolumeReclaimPolicy ?? '',
    pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
    claim,
    storageClassOf(pv.metadata.annotations, spec?.storageClassName),
    spec?.volumeAttributesClassName ?? '<unset>',
    pv.status?.reason ?? '',
    since(pv.metadata.creationTimestamp, now),
    spec?.volumeMode ?? '<unset>',
  ];
}
