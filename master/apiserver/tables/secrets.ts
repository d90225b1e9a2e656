// kubectl get secrets: NAME TYPE DATA AGE.
import type { Secret } from '../../../shared/api/core/v1/secret.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { since } from './duration.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Type', 'string', 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'),
  column('Data', 'string', "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
  ageColumn,
];

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const secret = obj as Secret;
  return [
    secret.metadata.name ?? '',
    secret.type ?? '',
    Object.keys(secret.data ?? {}).length,
    since(secret.metadata.creationTimestamp, now),
  ];
}
