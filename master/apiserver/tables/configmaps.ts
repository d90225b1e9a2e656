// kubectl get configmaps: NAME DATA AGE.
import type { ConfigMap } from '../../../shared/api/core/v1/configmap.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { since } from './duration.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Data', 'string', "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
  ageColumn,
];

/** DATA counts the keys of data and binaryData together. */
export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const cm = obj as ConfigMap;
  const keys = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
  return [cm.metadata.name ?? '', keys, since(cm.metadata.creationTimestamp, now)];
}
